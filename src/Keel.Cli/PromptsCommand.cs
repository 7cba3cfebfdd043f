using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel prompts list | show | render | diff | label | unlabel</c>: the prompt files, their versions and labels.</summary>
internal static class PromptsCommand
{
    private const string DirectoryOption = "--dir";

    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON", Recursive = true };
        var directory = new Option<string?>(DirectoryOption) { HelpName = "DIR", Description = "The prompts directory (default: prompts.path in keel.yaml, else prompts)", Recursive = true };
        var list = new Command("list", "Every prompt: its file's version, labels and split");
        list.SetAction(parseResult => List(parseResult, environment, parseResult.GetValue(json)));

        var reference = new Argument<string>("prompt") { Description = "NAME, NAME@label or NAME@version" };
        var show = new Command("show", "One prompt version: front matter, inputs and text") { reference };
        show.SetAction(parseResult => Show(parseResult, environment, parseResult.GetValue(reference)!, parseResult.GetValue(json)));

        var variables = new Option<string[]>("--var") { Description = "An input value, name=value (repeat for each input); arrays and objects as JSON", AllowMultipleArgumentsPerToken = false };
        var key = new Option<string?>("--key") { Description = "A user or session id: picks the label by the prompt's split (bare NAME only)" };
        var render = new Command("render", "Render a prompt to messages, without calling a model") { reference, variables, key };
        render.SetAction(parseResult => Render(parseResult, environment, parseResult.GetValue(reference)!, parseResult.GetValue(variables) ?? [], parseResult.GetValue(key), parseResult.GetValue(json)));

        var before = new Argument<string>("from") { Description = "NAME[@label|version]" };
        var after = new Argument<string?>("to") { Description = "NAME[@label|version], or a label or version of the same prompt (default: its file)", Arity = ArgumentArity.ZeroOrOne };
        var diff = new Command("diff", "Line diff between two versions of a prompt") { before, after };
        diff.SetAction(parseResult => Diff(parseResult, environment, parseResult.GetValue(before)!, parseResult.GetValue(after), parseResult.GetValue(json)));

        var label = new Argument<string>("label") { Description = "The label to point at the version (production, staging, …)" };
        var labelCommand = new Command("label", "Point a label at a version and record it in the lockfile") { reference, label };
        labelCommand.SetAction(parseResult => Label(parseResult, environment, parseResult.GetValue(reference)!, parseResult.GetValue(label)!, parseResult.GetValue(json)));

        // A verb of its own rather than `label --remove`: label's first argument names the version to point at,
        // which removing has no use for.
        var labelled = new Argument<string>("prompt") { Description = "NAME, or NAME@label" };
        var removed = new Argument<string?>("label") { Description = "The label to remove (may instead be given as NAME@label)", Arity = ArgumentArity.ZeroOrOne };
        var unlabel = new Command("unlabel", "Remove a label from a prompt and from the lockfile; other labels and splits are kept") { labelled, removed };
        unlabel.SetAction(parseResult => Unlabel(parseResult, environment, parseResult.GetValue(labelled)!, parseResult.GetValue(removed), parseResult.GetValue(json)));

        var command = new Command("prompts", "Prompt files: versions, labels, rendering (default: list)") { json, directory, list, show, render, diff, labelCommand, unlabel };
        command.SetAction(parseResult => List(parseResult, environment, parseResult.GetValue(json)));
        return command;
    }

    private static int List(ParseResult parseResult, CliEnvironment environment, bool json)
    {
        using var services = KeelCli.CreateServices(parseResult, environment);
        var library = Library(parseResult, services, environment);
        var rows = library.Names.Select(name =>
        {
            var current = library.Current(name);
            var split = library.Lockfile.Split(name);
            return new
            {
                Name = name,
                File = current?.Source,
                Version = current?.Version,
                Labels = library.Lockfile.Labels(name),
                Split = split?.Arms.ToDictionary(a => a.Label, a => a.Weight),
                Inputs = current?.Inputs.Select(i => i.Name).ToList(),
                current?.Description,
            };
        }).ToList();
        if (json)
        {
            CliJson.Write(environment.Out, new { Directory = library.DisplayDirectory, Prompts = rows });
            return ExitCodes.Success;
        }

        if (rows.Count == 0)
        {
            environment.Console.MarkupLine($"No prompts in {KeelCli.Escape(library.DisplayDirectory)}: add NAME.prompt.md files there (see docs/prompts.md), or set prompts.path in keel.yaml.");
            return ExitCodes.Success;
        }

        var table = new Table().Border(TableBorder.Rounded).AddColumn("name").AddColumn("version").AddColumn("labels").AddColumn("split").AddColumn("inputs").AddColumn("description");
        foreach (var row in rows)
        {
            table.AddRow(
                KeelCli.Escape(row.Name),
                row.Version ?? "[grey](no file)[/]",
                KeelCli.Escape(string.Join(", ", row.Labels.Select(l => $"{l.Key}={l.Value}{(l.Value == row.Version ? " (file)" : "")}"))),
                KeelCli.Escape(row.Split is null ? "" : string.Join(" / ", row.Split.Select(a => $"{a.Key} {a.Value}"))),
                KeelCli.Escape(string.Join(", ", row.Inputs ?? [])),
                KeelCli.Escape(row.Description ?? ""));
        }

        environment.Console.Write(table);
        return ExitCodes.Success;
    }

    private static int Show(ParseResult parseResult, CliEnvironment environment, string reference, bool json)
    {
        using var services = KeelCli.CreateServices(parseResult, environment);
        var library = Library(parseResult, services, environment);
        var (definition, label) = library.Resolve(reference);
        var labels = library.Lockfile.Labels(definition.Name).Where(l => l.Value == definition.Version).Select(l => l.Key).ToList();
        if (json)
        {
            CliJson.Write(environment.Out, new
            {
                definition.Name,
                definition.Version,
                Label = label,
                Labels = labels,
                definition.Source,
                IsFile = library.Current(definition.Name)?.Version == definition.Version,
                definition.Description,
                definition.Model,
                Parameters = definition.Parameters.ToDictionary(),
                Inputs = definition.Inputs.Select(i => new { i.Name, Type = i.TypeName, i.Required, i.Default, i.Description }),
                definition.OutputSchema,
                Tools = definition.Tools.Select(t => t.Name),
                definition.Text,
            });
            return ExitCodes.Success;
        }

        var grid = new Grid().AddColumn().AddColumn();
        grid.AddRow("name", KeelCli.Escape(definition.Name));
        grid.AddRow("version", definition.Version + (library.Current(definition.Name)?.Version == definition.Version ? " (the file)" : " (stored in the lockfile)"));
        grid.AddRow("labels", KeelCli.Escape(string.Join(", ", labels)));
        grid.AddRow("source", KeelCli.Escape(definition.Source));
        AddIfSet(grid, "description", definition.Description);
        AddIfSet(grid, "model", definition.Model);
        AddIfSet(grid, "parameters", string.Join(", ", definition.Parameters.ToDictionary().Select(p => $"{p.Key}={Format(p.Value)}")));
        AddIfSet(grid, "tools", string.Join(", ", definition.Tools.Select(t => t.Name)));
        AddIfSet(grid, "output schema", definition.OutputSchema?.GetRawText());
        environment.Console.Write(grid);
        if (definition.Inputs.Count > 0)
        {
            var inputs = new Table().Border(TableBorder.Rounded).AddColumn("input").AddColumn("type").AddColumn("required").AddColumn("default").AddColumn("description");
            foreach (var input in definition.Inputs)
            {
                inputs.AddRow(KeelCli.Escape(input.Name), input.TypeName, input.Required ? "yes" : "no", KeelCli.Escape(input.Default is null ? "" : Format(input.Default)), KeelCli.Escape(input.Description ?? ""));
            }

            environment.Console.Write(inputs);
        }

        environment.Console.Write(new Rule(KeelCli.Escape(definition.Source)).LeftJustified());
        environment.Console.Write(new Text(definition.Text));
        return ExitCodes.Success;
    }

    private static int Render(ParseResult parseResult, CliEnvironment environment, string reference, string[] assignments, string? key, bool json)
    {
        using var services = KeelCli.CreateServices(parseResult, environment);
        var library = Library(parseResult, services, environment);
        var (definition, label) = library.Resolve(reference, key);
        var arguments = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var assignment in assignments)
        {
            var equals = assignment.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                throw new ArgumentException($"--var {assignment}: expected name=value.");
            }

            arguments[assignment[..equals]] = assignment[(equals + 1)..];
        }

        var rendered = PromptLibrary.Render(definition, label, definition.ParseArguments(arguments));
        if (json)
        {
            CliJson.Write(environment.Out, new
            {
                rendered.Name,
                rendered.Version,
                rendered.Label,
                rendered.Model,
                Messages = rendered.Messages.Select(m => new { Role = m.Role.Value, m.Text }),
                Parameters = definition.Parameters.ToDictionary(),
                Tools = definition.Tools.Select(t => t.Name),
                rendered.OutputSchema,
            });
            return ExitCodes.Success;
        }

        environment.Console.MarkupLine($"[bold]{KeelCli.Escape(rendered.Name)}[/] {rendered.Version}{(rendered.Label is null ? "" : $" ({KeelCli.Escape(rendered.Label)})")}{(rendered.Model is null ? "" : $" → model {KeelCli.Escape(rendered.Model)}")}");
        foreach (var message in rendered.Messages)
        {
            environment.Console.Write(new Rule($"[bold]{KeelCli.Escape(message.Role.Value)}[/]").LeftJustified());
            environment.Console.WriteLine(message.Text);
        }

        return ExitCodes.Success;
    }

    private static int Diff(ParseResult parseResult, CliEnvironment environment, string from, string? to, bool json)
    {
        using var services = KeelCli.CreateServices(parseResult, environment);
        var library = Library(parseResult, services, environment);
        var (a, _) = library.Resolve(from);
        // "diff NAME@production canary": a bare label or version that names no prompt is one of the same prompt's.
        // (A leading '@' cannot be used: System.CommandLine reads "@x" as a response file.)
        var (b, _) = library.Resolve(to is null ? a.Name : to.Contains('@', StringComparison.Ordinal) || library.Names.Contains(to) ? to : $"{a.Name}@{to}");
        var diff = PromptDiff.Unified(a.Text, b.Text, $"{a.Name}@{a.Version}", $"{b.Name}@{b.Version}");
        if (json)
        {
            CliJson.Write(environment.Out, new { From = $"{a.Name}@{a.Version}", To = $"{b.Name}@{b.Version}", Identical = diff.Length == 0, Diff = diff });
            return ExitCodes.Success;
        }

        if (diff.Length == 0)
        {
            environment.Console.MarkupLine($"{KeelCli.Escape(a.Name)}@{a.Version} and {KeelCli.Escape(b.Name)}@{b.Version} are identical.");
            return ExitCodes.Success;
        }

        foreach (var line in diff.TrimEnd('\n').Split('\n'))
        {
            var colour = line.StartsWith("+++", StringComparison.Ordinal) || line.StartsWith("---", StringComparison.Ordinal) ? "bold"
                : line.StartsWith('+') ? "green" : line.StartsWith('-') ? "red" : line.StartsWith("@@", StringComparison.Ordinal) ? "cyan" : null;
            environment.Console.MarkupLine(colour is null ? KeelCli.Escape(line) : $"[{colour}]{KeelCli.Escape(line)}[/]");
        }

        return ExitCodes.Success;
    }

    private static int Label(ParseResult parseResult, CliEnvironment environment, string reference, string label, bool json)
    {
        using var services = KeelCli.CreateServices(parseResult, environment);
        var library = Library(parseResult, services, environment);
        var name = library.Resolve(reference).Definition.Name;
        var previous = library.Lockfile.Labels(name).GetValueOrDefault(label);
        var definition = library.SetLabel(reference, label);
        if (json)
        {
            CliJson.Write(environment.Out, new { definition.Name, Label = label, definition.Version, Previous = previous, Lockfile = library.Lockfile.Source });
            return ExitCodes.Success;
        }

        var was = previous is null ? "new label" : previous == definition.Version ? "unchanged" : $"was {previous}";
        environment.Console.MarkupLine($"{KeelCli.Escape(definition.Name)}@{KeelCli.Escape(label)} → {definition.Version} ({was}); written to {KeelCli.Escape(library.Lockfile.Source)}.");
        return ExitCodes.Success;
    }

    private static int Unlabel(ParseResult parseResult, CliEnvironment environment, string prompt, string? label, bool json)
    {
        var (name, fromReference) = PromptLibrary.SplitReference(prompt);
        if (name.Length == 0 || fromReference is { Length: 0 })
        {
            throw new ArgumentException($"'{prompt}' is not NAME or NAME@LABEL; usage: keel prompts unlabel NAME LABEL.");
        }

        if (fromReference is not null && label is not null && fromReference != label)
        {
            throw new ArgumentException($"'{prompt}' and '{label}' name two labels; give one: keel prompts unlabel {name} LABEL.");
        }

        label ??= fromReference is { Length: > 0 } ? fromReference : throw new ArgumentException($"which label? keel prompts unlabel {name} LABEL.");
        using var services = KeelCli.CreateServices(parseResult, environment);
        var library = Library(parseResult, services, environment);
        var version = library.RemoveLabel(name, label);
        if (json)
        {
            CliJson.Write(environment.Out, new { Name = name, Label = label, Version = version, Labels = library.Lockfile.Labels(name), Lockfile = library.Lockfile.Source });
            return ExitCodes.Success;
        }

        var left = library.Lockfile.Labels(name);
        var rest = left.Count > 0 ? "labels left: " + string.Join(", ", left.Select(l => $"{l.Key}={l.Value}"))
            : library.Current(name) is null ? $"{name} has no file and no labels left" : "no labels left";
        environment.Console.MarkupLine(KeelCli.Escape($"Removed {name}@{label} (was {version}); {rest}; written to {library.Lockfile.Source}."));
        return ExitCodes.Success;
    }

    private static void AddIfSet(Grid grid, string name, string? value)
    {
        if (!string.IsNullOrEmpty(value))
        {
            grid.AddRow(name, KeelCli.Escape(value));
        }
    }

    private static string Format(object value) => value switch
    {
        string text => text,
        IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value),
    };

    /// <summary>The prompts in <c>--dir</c> when given, else those keel.yaml points at.</summary>
    private static PromptLibrary Library(ParseResult parseResult, IServiceProvider services, CliEnvironment environment)
    {
        if (parseResult.GetValue<string?>(DirectoryOption) is not { } directory)
        {
            return services.GetRequiredService<PromptLibrary>();
        }

        var full = Path.GetFullPath(directory, environment.WorkingDirectory);
        return Directory.Exists(full)
            ? PromptLibrary.Load(full, directory)
            : throw new KeelConfigurationException($"--dir {directory}: no such directory ({full}).");
    }
}
