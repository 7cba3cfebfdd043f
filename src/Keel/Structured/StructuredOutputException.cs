namespace Keel;

/// <summary>Thrown when a model gives no schema-valid value; <see cref="Kind"/> says why.</summary>
public sealed class StructuredOutputException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="StructuredOutputException"/> class.</summary>
    public StructuredOutputException()
        : this("The model gave no schema-valid value.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StructuredOutputException"/> class.</summary>
    /// <param name="message">The message.</param>
    public StructuredOutputException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StructuredOutputException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StructuredOutputException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
    }

    internal StructuredOutputException(StructuredErrorKind kind, string message, IReadOnlyList<StructuredDiagnostic> errors, int attempts, string? lastAnswer)
        : base(message)
    {
        Kind = kind;
        Errors = errors;
        Attempts = attempts;
        LastAnswer = lastAnswer;
    }

    /// <summary>Gets why no value was obtained.</summary>
    public StructuredErrorKind Kind { get; }

    /// <summary>Gets the schema errors of the last answer (for <see cref="StructuredErrorKind.Invalid"/>).</summary>
    public IReadOnlyList<StructuredDiagnostic> Errors { get; }

    /// <summary>Gets how many model calls were made.</summary>
    public int Attempts { get; }

    /// <summary>Gets the text of the last answer.</summary>
    public string? LastAnswer { get; }
}
