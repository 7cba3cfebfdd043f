using System.Diagnostics;

namespace Keel.Bench;

/// <summary>Seeded mutations and truncations of the corpus texts through <see cref="StructuredParser.TryParse(string, StructuredSchema, out StructuredResult)"/>:
/// how many ran, how many were refused or accepted, and that none threw.</summary>
internal static class StructuredFuzzBench
{
    private const string Noise = "{}[]:,\"'`\\ \n\t/*#<>-+.0123456789eEtrufalsnTFN“”‘’\u0000\uFFFD\uD83D";

    private static readonly string[] Fragments = ["```", "<think>", "</think>", "```json\n", "\"\"\"", "//", "/*", "null", "[[[[", "}}}}", "\\u12"];

    public static int Run(string peers, int count, int seed)
    {
        var cases = StructuredCorpus.Load(peers);
        var schemas = StructuredCorpus.Schemas();
        long accepted = 0, refused = 0, threw = 0;
        var slowestMs = 0.0;
        var slowest = "";
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, count, i =>
        {
            var random = new Random(HashCode.Combine(seed, i));
            var c = cases[random.Next(cases.Count)];
            var text = Mutate(c.Text, random);
            var t0 = Stopwatch.GetTimestamp();
            try
            {
                if (StructuredParser.TryParse(text, schemas[c.Function], out _))
                {
                    Interlocked.Increment(ref accepted);
                }
                else
                {
                    Interlocked.Increment(ref refused);
                }
            }
#pragma warning disable CA1031 // The fuzz harness is the documented boundary: any exception is the finding to count and print.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                if (Interlocked.Increment(ref threw) <= 5)
                {
                    failures.Enqueue($"  #{i} ({c.Id}) {ex.GetType().Name}: {ex.Message}\n    text: {System.Text.Json.JsonSerializer.Serialize(text)}\n    {ex.StackTrace?.Split('\n').FirstOrDefault()?.Trim()}");
                }
            }

            var ms = Stopwatch.GetElapsedTime(t0).TotalMilliseconds;
            if (ms > slowestMs)
            {
                lock (failures)
                {
                    if (ms > slowestMs)
                    {
                        slowestMs = ms;
                        slowest = $"#{i} ({c.Id}, {text.Length} chars)";
                    }
                }
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"Structured fuzz — {count:N0} seeded mutations/truncations (seed {seed}) of {cases.Count} corpus texts through TryParse, {Environment.ProcessorCount} threads, {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  ran {accepted + refused + threw:N0}: accepted {accepted:N0}, refused {refused:N0}, threw {threw:N0}");
        Console.WriteLine($"  slowest case {slowestMs:0.0} ms: {slowest}");
        foreach (var failure in failures)
        {
            Console.WriteLine(failure);
        }

        return threw == 0 ? 0 : 1;
    }

    internal static string Mutate(string text, Random random)
    {
        var chars = new List<char>(text);
        var edits = random.Next(1, 6);
        for (var e = 0; e < edits && chars.Count > 0; e++)
        {
            var at = random.Next(chars.Count);
            switch (random.Next(8))
            {
                case 0:
                    chars.RemoveRange(at, chars.Count - at);
                    break;
                case 1:
                    chars.RemoveAt(at);
                    break;
                case 2:
                    chars.Insert(at, Noise[random.Next(Noise.Length)]);
                    break;
                case 3:
                    chars[at] = Noise[random.Next(Noise.Length)];
                    break;
                case 4:
                    var length = random.Next(1, Math.Min(40, chars.Count - at) + 1);
                    chars.InsertRange(random.Next(chars.Count), chars.GetRange(at, length));
                    break;
                case 5:
                    chars.RemoveRange(at, random.Next(0, Math.Min(20, chars.Count - at) + 1));
                    break;
                case 6:
                    chars.InsertRange(at, Fragments[random.Next(Fragments.Length)]);
                    break;
                default:
                    var other = random.Next(chars.Count);
                    (chars[at], chars[other]) = (chars[other], chars[at]);
                    break;
            }
        }

        return new string([.. chars]);
    }
}
