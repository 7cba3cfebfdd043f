using System.CommandLine;
using System.Text.Json;

namespace Keel.Cli;

/// <summary><c>keel parse --schema FILE</c>: raw model text on stdin → the schema-valid JSON on stdout. No model, no network.</summary>
internal static class ParseCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var schemaOption = new Option<string>("--schema", "-s") { Description = "The JSON Schema file the value must satisfy", Required = true };
        var explain = new Option<bool>("--explain") { Description = "Print the repairs made on stderr, on success too" };
        var json = new Option<bool>("--json") { Description = "Print a JSON report (value, repairs, errors) on stdout instead of the bare value" };
        var command = new Command("parse", "Read schema-valid JSON out of raw model text on stdin (lenient: fences, prose, broken syntax, truncation)") { schemaOption, explain, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var path = parseResult.GetValue(schemaOption)!;
            var fullPath = Path.GetFullPath(path, environment.WorkingDirectory);
            if (!File.Exists(fullPath))
            {
                await environment.Error.WriteLineAsync($"error: schema file not found: {path}");
                return ExitCodes.Error;
            }

            StructuredSchema schema;
            try
            {
                schema = StructuredSchema.FromJson(await File.ReadAllTextAsync(fullPath, cancellationToken));
            }
            catch (ArgumentException ex)
            {
                await environment.Error.WriteLineAsync($"error: {path} is not a usable JSON Schema: {ex.Message}");
                return ExitCodes.Error;
            }

            var text = environment.In is null ? "" : await environment.In.ReadToEndAsync(cancellationToken);
            var ok = StructuredParser.TryParse(text, schema, out var result);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new
                {
                    Ok = ok,
                    result.Value,
                    Repairs = result.Repairs.Select(Describe),
                    Errors = result.Errors.Select(Describe),
                });
            }
            else if (ok)
            {
                await environment.Out.WriteLineAsync(result.Value?.ToJsonString(Indented) ?? "null");
            }

            if (!ok || parseResult.GetValue(explain))
            {
                foreach (var repair in result.Repairs)
                {
                    await environment.Error.WriteLineAsync($"repair: {repair}");
                }
            }

            foreach (var error in result.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error}");
            }

            return ok ? ExitCodes.Success : ExitCodes.Error;
        });
        return command;
    }

    private static JsonSerializerOptions Indented { get; } = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static object Describe(StructuredDiagnostic diagnostic) =>
        new { diagnostic.Path, Rule = diagnostic.Rule.ToString(), diagnostic.Message, diagnostic.Before, diagnostic.After };
}
