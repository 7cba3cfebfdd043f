namespace Keel;

/// <summary>A file could not be read as a document; the message says why and what to do.</summary>
public sealed class DocumentLoadException : Exception
{
    /// <summary>Creates the exception.</summary>
    public DocumentLoadException()
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public DocumentLoadException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public DocumentLoadException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
