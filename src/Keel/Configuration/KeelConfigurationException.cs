namespace Keel;

/// <summary>The configuration is wrong; the message names the file, line and column and what was expected.</summary>
public sealed class KeelConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    public KeelConfigurationException()
    {
    }

    /// <summary>Creates the exception with a message a user can act on.</summary>
    public KeelConfigurationException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and the underlying error.</summary>
    public KeelConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
