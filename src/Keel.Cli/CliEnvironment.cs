using Spectre.Console;

namespace Keel.Cli;

/// <summary>What a command writes to and where it runs; tests pass a <c>TestConsole</c> and string writers.</summary>
/// <param name="Console">Human output: tables, progress, colours.</param>
/// <param name="Out">Machine output (<c>--json</c>), written verbatim.</param>
/// <param name="Error">Errors and warnings.</param>
/// <param name="WorkingDirectory">Where <c>keel.yaml</c> and <c>.keel/</c> are looked for.</param>
/// <param name="In">Standard input (interactive chat, text to parse).</param>
internal sealed record CliEnvironment(IAnsiConsole Console, TextWriter Out, TextWriter Error, string WorkingDirectory, TextReader? In = null)
{
    public static CliEnvironment FromProcess() =>
        new(AnsiConsole.Console, System.Console.Out, System.Console.Error, Directory.GetCurrentDirectory(), System.Console.In);
}
