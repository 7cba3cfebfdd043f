using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary>The <c>keel</c> command line: parses arguments, runs a command, maps errors to exit codes.</summary>
internal static class KeelCli
{
    public static readonly Option<string?> ConfigOption = new("--config", "-c")
    {
        Description = "Path to keel.yaml (default: keel.yaml in the working directory, if present)",
        Recursive = true,
    };

    public static async Task<int> RunAsync(string[] args, CliEnvironment environment, CancellationToken cancellationToken = default)
    {
        var root = new RootCommand("Keel: grounded answers with citations from your documents, and the reliability layer around LLM calls.")
        {
            ConfigOption,
            AskCommand.Create(environment),
            IngestCommand.Create(environment),
            SearchCommand.Create(environment),
            ChatCommand.Create(environment),
            ModelsCommand.Create(environment),
            TracesCommand.Create(environment),
            PromptsCommand.Create(environment),
            SimCommand.Create(environment),
            ParseCommand.Create(environment),
            ExtractCommand.Create(environment),
            EvalCommand.Create(environment),
        };

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            foreach (var error in parseResult.Errors)
            {
                await environment.Error.WriteLineAsync($"error: {error.Message}");
            }

            await environment.Error.WriteLineAsync("Run 'keel --help' for usage.");
            return ExitCodes.Usage;
        }

        try
        {
            return await parseResult.InvokeAsync(new InvocationConfiguration { Output = environment.Out, Error = environment.Error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (OperationCanceledException)
        {
            await environment.Error.WriteLineAsync("Cancelled.");
            return ExitCodes.Error;
        }
        catch (Exception ex) when (IsUserError(ex))
        {
            await environment.Error.WriteLineAsync($"error: {ex.Message}{RetriesNote(ex)}");
            return ExitCodes.Error;
        }
#pragma warning disable CA1031 // The one documented catch-all: the CLI's top level turns a bug into a message and an exit code.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            await environment.Error.WriteLineAsync($"internal error ({ex.GetType().Name}): {ex.Message}");
            await environment.Error.WriteLineAsync("This is a bug in Keel; please report it with the command you ran.");
            return ExitCodes.Internal;
        }
    }

    /// <summary>Builds the services a command needs, configured from <c>keel.yaml</c>.</summary>
    public static ServiceProvider CreateServices(ParseResult parseResult, CliEnvironment environment)
    {
        var services = new ServiceCollection();
        services.AddKeel(options =>
        {
            options.WorkingDirectory = environment.WorkingDirectory;
            options.ConfigPath = parseResult.GetValue(ConfigOption);
        });
        return services.BuildServiceProvider();
    }

    /// <summary>How often a failed model call was retried, which its message (written before the retries) cannot say.
    /// A fallback's message lists each model's error instead.</summary>
    private static string RetriesNote(Exception ex) =>
        ex is ModelCallException { Retries: > 0 and var retries, Fallbacks: null or { Count: 0 } }
            ? $" Retried {retries} {(retries == 1 ? "time" : "times")}."
            : "";

    /// <summary>Whether <paramref name="ex"/> is the user's to fix (input, configuration, a provider's answer) rather
    /// than a bug in Keel; every command decides by this list.</summary>
    internal static bool IsUserError(Exception ex) => ex is KeelConfigurationException or KeelStoreException or ModelCallException or FileNotFoundException
        or DirectoryNotFoundException or ArgumentException or Keel.Simulator.SimulatorScriptException or DocumentLoadException or UnauthorizedAccessException or IOException
        or PromptException;

    public static string Escape(string text) => Markup.Escape(text);
}
