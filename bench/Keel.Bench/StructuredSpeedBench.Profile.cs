using System.Diagnostics;
using System.Text.Json.Nodes;

namespace Keel.Bench;

/// <summary>structured-profile: allocations and best times per parse stage (fast path, extraction, whole parse), and of a stream's readings.</summary>
internal static partial class StructuredSpeedBench
{
    public static (string Name, Func<string, string> Make)[] VariantsForDiff => Variants;

    private static double Min(Action a, int n)
    {
        var best = double.MaxValue;
        for (var i = 0; i < n; i++)
        {
            var t = Stopwatch.GetTimestamp();
            a();
            best = Math.Min(best, Stopwatch.GetElapsedTime(t).TotalMilliseconds);
        }

        return best;
    }

    private static void ProfileMin()
    {
        var schema = StructuredCorpus.Schemas()["ExtractPeople"];
        if (Environment.GetEnvironmentVariable("KEEL_PROFILE_MIN") == "stream")
        {
            foreach (var kb in new[] { 100, 1000, 100, 1000 })
            {
                var text = Document(kb * 1024);
                var n = kb == 100 ? 40 : 6;
                var g0 = GC.CollectionCount(0); var g1 = GC.CollectionCount(1); var g2 = GC.CollectionCount(2);
                var a = GC.GetAllocatedBytesForCurrentThread();
                double readMs = 0, prefixMs = 0;
                var total = Min(() =>
                {
                    var parser = new StructuredStreamParser(schema);
                    for (var i = 0; i < text.Length; i += 64) { parser.Append(text.Substring(i, Math.Min(64, text.Length - i))); }
                    parser.Complete();
                }, n);
                var alloc = (GC.GetAllocatedBytesForCurrentThread() - a) / n;
                // the prefix parses alone
                var t0 = Stopwatch.GetTimestamp();
                var readAt = 0;
                var count = 0;
                for (var len = 64; len <= text.Length; len += 64)
                {
                    if (len - readAt < Math.Max(64, readAt / 4)) { continue; }
                    readAt = len; count++;
                    var t = Stopwatch.GetTimestamp();
                    var c = CandidateExtractor.Find(text[..len], out _);
                    prefixMs += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                    t = Stopwatch.GetTimestamp();
                    StructuredParser.ParsePrefix(text[..len], schema.Root, StructuredPolicy.Lenient.Allow(StructuredRule.Truncation));
                    readMs += Stopwatch.GetElapsedTime(t).TotalMilliseconds;
                }
                Console.WriteLine($"stream {kb}KB min {total:0.0}ms alloc/run {alloc / 1024}KB gc {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}  readings {count} find {prefixMs:0.0}ms parsePrefix {readMs:0.0}ms");
            }

            return;
        }

        foreach (var variant in Variants)
        {
            var r = new Dictionary<int, (double Fast, double Find, double Total)>();
            foreach (var kb in new[] { 100, 1000 })
            {
                var text = variant.Make(Document(kb * 1024));
                var n = kb == 100 ? 200 : 30;
                for (var w = 0; w < 40; w++) { StructuredParser.TryParse(text, schema, out _); }
                var fast = Min(() => ExactJsonFastPath.TryParse(text, schema.Root, StructuredPolicy.Lenient, out _), n);
                var find = Min(() => CandidateExtractor.Find(text, out _), n);
                var total = Min(() => StructuredParser.TryParse(text, schema, out _), n);
                var times = new List<double>();
                var g0 = GC.CollectionCount(0); var g1 = GC.CollectionCount(1); var g2 = GC.CollectionCount(2);
                for (var k = 0; k < n; k++) { var t = Stopwatch.GetTimestamp(); StructuredParser.TryParse(text, schema, out _); times.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds); }
                times.Sort();
                Console.WriteLine($"   mean {times.Average():0.00} median {times[n / 2]:0.00} p90 {times[n * 9 / 10]:0.00} max {times[^1]:0.00} gc {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
                r[kb] = (fast, find, total);
                Console.WriteLine($"{variant.Name,-18} {kb,5}KB fast {fast,7:0.00}ms find {find,7:0.00}ms total {total,7:0.00}ms");
            }

            Console.WriteLine($"{variant.Name,-18} ratio fast {r[1000].Fast / r[100].Fast:0.0} find {r[1000].Find / r[100].Find:0.0} total {r[1000].Total / r[100].Total:0.0}");
        }
    }

    public static string DocumentForDiff(int bytes) => Document(bytes);

    public static void Profile()
    {
        if (Environment.GetEnvironmentVariable("KEEL_PROFILE_MIN") is not null)
        {
            ProfileMin();
            return;
        }

        var schema = StructuredCorpus.Schemas()["ExtractPeople"];
        foreach (var variant in Variants)
        {
            foreach (var kb in new[] { 100, 1000 })
            {
                var text = variant.Make(Document(kb * 1024));
                for (var w = 0; w < 3; w++) { StructuredParser.TryParse(text, schema, out _); }
                var g0 = GC.CollectionCount(0); var g1 = GC.CollectionCount(1); var g2 = GC.CollectionCount(2);
                var a0 = GC.GetAllocatedBytesForCurrentThread();
                var t0 = Stopwatch.GetTimestamp();
                var c = CandidateExtractor.Find(text, out var ex);
                var t1 = Stopwatch.GetTimestamp();
                var a1 = GC.GetAllocatedBytesForCurrentThread();
                var ctx = new CoercionContext(StructuredPolicy.Lenient, c[0].Incomplete);
                foreach (var r in ex.Concat(c[0].Repairs)) { ctx.Repair(r); }
                var a2 = GC.GetAllocatedBytesForCurrentThread();
                var v = SchemaCoercer.Coerce(c[0].Value, schema.Root, "$", ctx);
                var t2 = Stopwatch.GetTimestamp();
                var a3 = GC.GetAllocatedBytesForCurrentThread();
                StructuredParser.TryParse(text, schema, out var res);
                var t3 = Stopwatch.GetTimestamp();
                var a4 = GC.GetAllocatedBytesForCurrentThread();
                Console.WriteLine($"{variant.Name,-18} {kb,5}KB find {(a1 - a0) / 1024,6}KB {Stopwatch.GetElapsedTime(t0, t1).TotalMilliseconds,7:0.0}ms  repairs-copy {(a2 - a1) / 1024,6}KB  coerce {(a3 - a2) / 1024,6}KB {Stopwatch.GetElapsedTime(t1, t2).TotalMilliseconds,7:0.0}ms  total {(a4 - a3) / 1024,6}KB {Stopwatch.GetElapsedTime(t2, t3).TotalMilliseconds,7:0.0}ms  repairs {res.Repairs.Count} gc {GC.CollectionCount(0) - g0}/{GC.CollectionCount(1) - g1}/{GC.CollectionCount(2) - g2}");
            }
        }
    }
}
