using System.Globalization;
using System.Net.Mail;
using System.Text.RegularExpressions;

namespace Keel;

/// <summary>The JSON Schema <c>pattern</c> and the <c>format</c>s the parser checks: date, date-time, email, uri, uuid.</summary>
internal static partial class StringFormats
{
    public static bool IsKnown(string format) => format is "date" or "date-time" or "email" or "uri" or "uuid";

    /// <summary>Why <paramref name="text"/> fails the schema's pattern or format, or null when it passes.</summary>
    public static (StructuredRule Rule, string Message)? Check(string text, SchemaNode schema)
    {
        if (schema.Pattern is { } pattern && !Matches(pattern, text))
        {
            return (StructuredRule.Pattern, $"must match the pattern {pattern}");
        }

        return schema.Format is { } format && !HasFormat(text, format) ? (StructuredRule.Format, $"must be a {format}") : null;
    }

    private static bool Matches(Regex pattern, string text)
    {
        try
        {
            return pattern.IsMatch(text);
        }
        catch (RegexMatchTimeoutException)
        {
            return false;
        }
    }

    private static bool HasFormat(string text, string format) => format switch
    {
        "date" => DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "date-time" => DateTimeRegex().IsMatch(text) && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
        "email" => !text.Contains(' ', StringComparison.Ordinal) && text.IndexOf('@', StringComparison.Ordinal) > 0 && MailAddress.TryCreate(text, out var mail) && mail.Address == text,
        "uri" => Uri.TryCreate(text, UriKind.Absolute, out var uri) && !string.IsNullOrEmpty(uri.Scheme) && !text.Contains(' ', StringComparison.Ordinal),
        "uuid" => text.Length == 36 && Guid.TryParseExact(text, "D", out _),
        _ => true,
    };

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")]
    private static partial Regex DateTimeRegex();
}
