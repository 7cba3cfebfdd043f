namespace Keel.Simulator;

/// <summary>A simulator script that cannot be used; the message names the file, the line and what was expected.</summary>
public sealed class SimulatorScriptException : Exception
{
    /// <summary>Creates the exception with a message only.</summary>
    public SimulatorScriptException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong and where.</param>
    public SimulatorScriptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the error that caused it.</summary>
    /// <param name="message">What is wrong and where.</param>
    /// <param name="innerException">The underlying error.</param>
    public SimulatorScriptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for a position in a script.</summary>
    /// <param name="source">The script's file path, or a description of an inline script.</param>
    /// <param name="line">The 1-based line.</param>
    /// <param name="column">The 1-based column.</param>
    /// <param name="message">What is wrong and what was expected.</param>
    /// <param name="innerException">The underlying error, if any.</param>
    public SimulatorScriptException(string source, int line, int column, string message, Exception? innerException = null)
        : base($"{source}:{line}:{column}: {message}", innerException)
    {
        ScriptSource = source;
        Line = line;
        Column = column;
    }

    /// <summary>Gets the script's file path (or a description of an inline script).</summary>
    public string? ScriptSource { get; }

    /// <summary>Gets the 1-based line of the problem, or 0 when unknown.</summary>
    public int Line { get; }

    /// <summary>Gets the 1-based column of the problem, or 0 when unknown.</summary>
    public int Column { get; }
}
