using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>The public corpus in ../shared/datasets/structured-outputs: raw model outputs, schemas, expected values.</summary>
internal static class StructuredCorpus
{
    /// <summary>Root/../shared/...; a git worktree under wt/ looks one level further up.</summary>
    public static string Directory { get; } = new[] { "..", Path.Combine("..", "..") }
        .Select(up => Path.GetFullPath(Path.Combine(RepositoryPaths.Root, up, "shared", "datasets", "structured-outputs")))
        .FirstOrDefault(System.IO.Directory.Exists)
        ?? Path.GetFullPath(Path.Combine(RepositoryPaths.Root, "..", "shared", "datasets", "structured-outputs"));

    public static string CasesPath => Path.Combine(Directory, "cases.jsonl");

    public static IReadOnlyList<CorpusCase> Cases { get; } = Load();

    public static StructuredSchema Schema(string name) => StructuredSchema.FromJson(File.ReadAllText(Path.Combine(Directory, "schemas", name + ".json")));

    private static List<CorpusCase> Load()
    {
        if (!File.Exists(CasesPath))
        {
            return [];
        }

        return [.. File.ReadLines(CasesPath).Where(l => l.Trim().Length > 0).Select(line =>
        {
            var node = JsonNode.Parse(line)!;
            return new CorpusCase(
                node["id"]!.GetValue<string>(),
                node["schema"]!.GetValue<string>(),
                node["kind"]!.GetValue<string>(),
                node["input"]!.GetValue<string>(),
                node["expect"]?.ToJsonString());
        })];
    }
}

/// <param name="Expect">The expected value as JSON, or null when the case must fail.</param>
internal sealed record CorpusCase(string Id, string Schema, string Kind, string Input, string? Expect)
{
    public override string ToString() => Id;
}
