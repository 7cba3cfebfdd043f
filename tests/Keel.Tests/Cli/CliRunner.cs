using Keel.Cli;
using Spectre.Console.Testing;

namespace Keel.Tests.Cli;

/// <summary>Runs <c>keel</c> in-process against a <see cref="TestConsole"/> and captured stdout/stderr.</summary>
internal static class CliRunner
{
    public static Task<CliRun> RunAsync(string workingDirectory, params string[] args) => RunWithInputAsync(workingDirectory, null, args);

    /// <summary>Runs <c>keel</c> with <paramref name="input"/> as standard input.</summary>
    public static async Task<CliRun> RunWithInputAsync(string workingDirectory, string? input, params string[] args)
    {
        var console = new TestConsole().Width(200);
        var output = new StringWriter();
        var error = new StringWriter();
        var exitCode = await KeelCli.RunAsync(args, new CliEnvironment(console, output, error, workingDirectory, input is null ? null : new StringReader(input)));
        return new CliRun(exitCode, console.Output, output.ToString(), error.ToString());
    }
}

/// <param name="ExitCode">The process exit code the command would return.</param>
/// <param name="Console">What the human-readable console showed.</param>
/// <param name="Out">Machine output (JSON).</param>
/// <param name="Error">Errors and warnings.</param>
internal sealed record CliRun(int ExitCode, string Console, string Out, string Error);
