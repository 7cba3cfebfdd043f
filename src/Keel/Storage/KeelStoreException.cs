namespace Keel;

/// <summary>The store cannot be used (damaged, made by a newer Keel, locked); the message says what to do.</summary>
public sealed class KeelStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeelStoreException()
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public KeelStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public KeelStoreException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
