namespace Keel;

/// <summary>A prompt file, the prompts lockfile or a render request is wrong; the message names the file, the line
/// and, for variables, the variable.</summary>
public sealed class PromptException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PromptException()
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    /// <param name="message">The message.</param>
    public PromptException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public PromptException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
