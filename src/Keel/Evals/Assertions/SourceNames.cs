namespace Keel;

/// <summary>Matches a source path (as the index reports it) to a name a suite writes: equal, or ending in <c>/name</c>.</summary>
internal static class SourceNames
{
    public static bool Matches(string source, string expected)
    {
        var s = source.Replace('\\', '/');
        var e = expected.Replace('\\', '/');
        return s.Equals(e, StringComparison.OrdinalIgnoreCase) || s.EndsWith("/" + e, StringComparison.OrdinalIgnoreCase);
    }
}
