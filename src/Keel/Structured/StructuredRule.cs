namespace Keel;

/// <summary>What a structured-parse diagnostic is about: a repair or coercion the policy may allow, or an error.</summary>
public enum StructuredRule
{
    /// <summary>The value was taken out of surrounding prose, a Markdown fence, a tag or a think block.</summary>
    Extraction,

    /// <summary>The whole value was sent as a JSON string holding JSON.</summary>
    DoubleEncoded,

    /// <summary>A comma before a closing bracket, or a doubled comma, was removed.</summary>
    TrailingComma,

    /// <summary>A string in single quotes was read as a JSON string.</summary>
    SingleQuotes,

    /// <summary>Typographic quotes were read as straight quotes.</summary>
    SmartQuotes,

    /// <summary>An object key without quotes was quoted.</summary>
    UnquotedKey,

    /// <summary>A bare word value was read as a string.</summary>
    UnquotedValue,

    /// <summary>A <c>//</c>, <c>/* */</c> or <c>#</c> comment was removed.</summary>
    Comment,

    /// <summary>A Python or JavaScript literal (<c>True</c>, <c>None</c>, <c>undefined</c>, <c>NaN</c>) was mapped to JSON.</summary>
    PythonLiteral,

    /// <summary>A missing comma between two members or items was assumed.</summary>
    MissingComma,

    /// <summary>A quote inside a string that does not end it was escaped.</summary>
    UnescapedQuote,

    /// <summary>A raw newline or control character inside a string was escaped.</summary>
    RawControlCharacter,

    /// <summary>An invalid escape sequence was read as the character it escapes.</summary>
    InvalidEscape,

    /// <summary>Cut-off output was closed (only where what is missing is optional), or a cut-off value or item was left out.</summary>
    Truncation,

    /// <summary>A key appeared twice with the same value; one was kept.</summary>
    DuplicateKey,

    /// <summary>A number written as a string was read as a number.</summary>
    StringToNumber,

    /// <summary>A whole number written with a fraction (<c>42.0</c>) was read as an integer.</summary>
    NumberToInteger,

    /// <summary>A string such as <c>"true"</c> or <c>"yes"</c> was read as a boolean.</summary>
    StringToBoolean,

    /// <summary>A number was read as the string the schema expects.</summary>
    NumberToString,

    /// <summary>A single value was wrapped in the one-item list the schema expects.</summary>
    ScalarToArray,

    /// <summary>An object or array sent as a JSON string was parsed.</summary>
    StringToStructure,

    /// <summary>An enum value differing only in case was mapped to the declared value.</summary>
    EnumCase,

    /// <summary>An enum value with decoration (<c>**HIGH**</c>, <c>High: needs attention</c>) was mapped to the declared value.</summary>
    EnumDecoration,

    /// <summary>A declared alias (<c>x-aliases</c>) was mapped to its enum value.</summary>
    EnumAlias,

    /// <summary>A key differing in case or separators (<c>durationMinutes</c>) was mapped to the declared property.</summary>
    KeyCase,

    /// <summary>A null for an optional property that is not nullable was left out.</summary>
    NullOmitted,

    /// <summary>A key the schema does not declare, where it says <c>additionalProperties: false</c>, was dropped.</summary>
    ExtraProperty,

    /// <summary>A wrapper object with one key (<c>{"result": {...}}</c>) or a one-item array was unwrapped to the value the schema expects.</summary>
    Unwrapped,

    /// <summary>A number written with thousands separators or a currency sign (<c>"1,234"</c>, <c>"$12.50"</c>) was read as a number.</summary>
    NumberText,

    /// <summary>Error: no JSON value was found in the text.</summary>
    NoValue,

    /// <summary>Error: a required property is missing.</summary>
    Required,

    /// <summary>Error: a value has the wrong type and no unambiguous coercion exists.</summary>
    Type,

    /// <summary>Error: a value is not one of the enum values.</summary>
    Enum,

    /// <summary>Error: a number is outside minimum/maximum.</summary>
    Range,

    /// <summary>Error: an array has fewer items than minItems or more than maxItems.</summary>
    ItemCount,

    /// <summary>Error: a string does not match the schema's pattern.</summary>
    Pattern,

    /// <summary>Error: a string is not in the schema's format (date, date-time, email, uri, uuid).</summary>
    Format,

    /// <summary>Error: the text allows more than one reading and the parser will not guess.</summary>
    Ambiguous,

    /// <summary>Error: a repair was needed that the policy does not allow.</summary>
    NotAllowed,
}
