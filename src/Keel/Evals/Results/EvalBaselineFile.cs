using System.Text.Json;
using System.Text.Json.Serialization;

namespace Keel;

/// <summary>The baseline kept in the repository: each case's outcome (<c>target/case</c> → pass or fail).</summary>
internal static class EvalBaselineFile
{
    private static readonly JsonSerializerOptions Options = new() { WriteIndented = true, PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    public static Dictionary<string, bool>? Read(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            var file = JsonSerializer.Deserialize<Contents>(File.ReadAllText(path), Options);
            return file?.Cases.ToDictionary(p => p.Key, p => p.Value == "pass", StringComparer.Ordinal)
                ?? throw new KeelConfigurationException($"{path}: the baseline file is empty.");
        }
        catch (JsonException ex)
        {
            throw new KeelConfigurationException($"{path}: not a baseline file ({ex.Message}); rewrite it with keel eval --update-baseline.", ex);
        }
    }

    public static void Write(string path, string suite, IReadOnlyDictionary<string, bool> outcomes)
    {
        var contents = new Contents
        {
            Suite = suite,
            Cases = new SortedDictionary<string, string>(outcomes.ToDictionary(p => p.Key, p => p.Value ? "pass" : "fail"), StringComparer.Ordinal),
        };
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, JsonSerializer.Serialize(contents, Options) + "\n");
    }

    private sealed class Contents
    {
        public string? Suite { get; set; }

        [JsonPropertyName("cases")]
        public IDictionary<string, string> Cases { get; set; } = new SortedDictionary<string, string>(StringComparer.Ordinal);
    }
}
