using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Keel.Bench;

/// <summary>Keel's lenient parser on the 73-case peer corpus, scored as run_node.js scores BAML and jsonrepair; then the peers
/// themselves (bench/structured-peers.sh) in the same run, with Keel's results passed as an extra engine.</summary>
internal static class StructuredCorpusBench
{
    public static int Run(string peers, string resultsPath, bool runPeers)
    {
        var cases = StructuredCorpus.Load(peers);
        var schemas = StructuredCorpus.Schemas();
        var rows = new List<(StructuredCase Case, string Outcome)>();
        var lines = new List<string>();
        var started = Stopwatch.GetTimestamp();
        foreach (var c in cases)
        {
            var ok = StructuredParser.TryParse(c.Text, schemas[c.Function], out var result);
            var outcome = ok
                ? !c.ExpectsError && StructuredCorpus.Same(result.Value, c.Expect) ? "correct" : "silent-wrong"
                : c.ExpectsError ? "correct" : "failed";
            rows.Add((c, outcome));
            var line = new JsonObject { ["id"] = c.Id };
            if (ok)
            {
                line["out"] = result.Value?.DeepClone();
            }
            else
            {
                line["err"] = result.Errors.Count > 0 ? result.Errors[0].ToString() : "failed";
            }

            lines.Add(line.ToJsonString());
            if (outcome != "correct")
            {
                Console.WriteLine($"  {outcome,-12} {c.Id}: {(ok ? "got " + Shorten(result.Value?.ToJsonString() ?? "null") : string.Join("; ", result.Errors.Select(e => e.ToString())))}");
            }
        }

        var elapsed = Stopwatch.GetElapsedTime(started);
        File.WriteAllLines(resultsPath, lines);
        Console.WriteLine();
        Console.WriteLine($"Keel StructuredParser.TryParse on {cases.Count} cases of {Path.Combine(peers, "corpus.jsonl")} ({elapsed.TotalMilliseconds / cases.Count * 1000:0} us/case, first run incl. JIT)");
        Console.WriteLine($"  {"category",-36} {"n",3} {"correct",8} {"failed",7} {"silent-wrong",13}");
        foreach (var group in rows.GroupBy(r => r.Case.Category))
        {
            Print(group.Key, [.. group]);
        }

        Print("TOTAL", rows);
        Console.WriteLine($"  results for run_node.js --extra: {resultsPath}");
        Console.WriteLine();
        return runPeers ? RunPeers(peers, resultsPath) : 0;
    }

    private static void Print(string name, List<(StructuredCase Case, string Outcome)> rows)
    {
        int Count(string outcome) => rows.Count(r => r.Outcome == outcome);
        Console.WriteLine($"  {name,-36} {rows.Count,3} {Count("correct"),8} {Count("failed"),7} {Count("silent-wrong"),13}");
    }

    private static int RunPeers(string peers, string resultsPath)
    {
        var script = LocateScript();
        if (script is null)
        {
            Console.WriteLine("Peers not run: bench/structured-peers.sh not found above " + AppContext.BaseDirectory);
            return 0;
        }

        Console.WriteLine($"Peers (BAML, jsonrepair, extract+jsonrepair) and Keel side by side: {script} {peers} {resultsPath}");
        using var process = Process.Start(new ProcessStartInfo("bash", [script, peers, resultsPath]) { UseShellExecute = false })!;
        process.WaitForExit();
        return 0;
    }

    private static string? LocateScript()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, "bench", "structured-peers.sh");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }

    private static string Shorten(string text) => text.Length <= 140 ? text : text[..137] + "...";
}
