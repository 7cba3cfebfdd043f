namespace Keel.Simulator;

/// <summary>The names fault kinds have in scripts, both ways.</summary>
internal static class FaultKindNames
{
    private static readonly Dictionary<string, FaultKind> s_kinds = new(StringComparer.Ordinal)
    {
        ["rate_limit"] = FaultKind.RateLimit,
        ["server_error"] = FaultKind.ServerError,
        ["hang"] = FaultKind.Hang,
        ["slow_first_token"] = FaultKind.SlowFirstToken,
        ["drop_mid_stream"] = FaultKind.DropMidStream,
        ["malformed_json"] = FaultKind.MalformedJson,
        ["length"] = FaultKind.Length,
    };

    public static string All { get; } = string.Join(", ", s_kinds.Keys);

    public static bool TryParse(string name, out FaultKind kind) => s_kinds.TryGetValue(name, out kind);

    public static string ScriptName(this FaultKind kind) => s_kinds.First(pair => pair.Value == kind).Key;
}
