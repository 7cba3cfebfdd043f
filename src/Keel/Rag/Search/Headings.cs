namespace Keel;

/// <summary>How a heading path is shown: <c>Plans › Business › Limits</c>.</summary>
internal static class Headings
{
    public const string Separator = " › ";

    public static string? Join(IReadOnlyList<string> headingPath) =>
        headingPath.Count == 0 ? null : string.Join(Separator, headingPath);
}
