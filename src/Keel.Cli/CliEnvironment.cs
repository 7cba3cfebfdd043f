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
    /// <summary>Width when output goes to a file or a pipe and <c>COLUMNS</c> is not set: Spectre would wrap at 80,
    /// splitting ids in tables and answers across lines that a script then has to join.</summary>
    private const int RedirectedWidth = 200;

    public static CliEnvironment FromProcess()
    {
        var console = AnsiConsole.Console;
        if (int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out var columns) && columns > 0)
        {
            console.Profile.Width = columns;
        }
        else if (System.Console.IsOutputRedirected)
        {
            console.Profile.Width = RedirectedWidth;
        }

        return new(console, System.Console.Out, System.Console.Error, Directory.GetCurrentDirectory(), System.Console.In);
    }
}
