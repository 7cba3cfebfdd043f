namespace Keel;

/// <summary>Thrown by <see cref="StructuredParser.Parse(string, StructuredSchema, StructuredPolicy?)"/> when the text holds no schema-valid value.</summary>
public sealed class StructuredParseException : Exception
{
    /// <summary>Initializes a new instance of the <see cref="StructuredParseException"/> class.</summary>
    public StructuredParseException()
        : this("The text holds no schema-valid value.")
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StructuredParseException"/> class.</summary>
    /// <param name="message">The message.</param>
    public StructuredParseException(string message)
        : this(message, null)
    {
    }

    /// <summary>Initializes a new instance of the <see cref="StructuredParseException"/> class.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public StructuredParseException(string message, Exception? innerException)
        : base(message, innerException)
    {
        Errors = [];
        Repairs = [];
    }

    internal StructuredParseException(StructuredResult result)
        : base("The text holds no schema-valid value: " + string.Join("; ", result.Errors))
    {
        Errors = result.Errors;
        Repairs = result.Repairs;
    }

    /// <summary>Gets why the parse failed.</summary>
    public IReadOnlyList<StructuredDiagnostic> Errors { get; }

    /// <summary>Gets the repairs made before the parse failed.</summary>
    public IReadOnlyList<StructuredDiagnostic> Repairs { get; }
}
