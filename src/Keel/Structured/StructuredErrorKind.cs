namespace Keel;

/// <summary>Why a model gave no schema-valid value.</summary>
public enum StructuredErrorKind
{
    /// <summary>The answers did not fit the schema, after every re-ask.</summary>
    Invalid,

    /// <summary>The answer was cut off (<c>finish_reason: length</c>); raise the output token limit or ask for less.</summary>
    Truncated,

    /// <summary>The model declined: empty text, a refusal, or a content filter.</summary>
    Refused,
}
