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
        var slowestIndex = 0;
        var failures = new System.Collections.Concurrent.ConcurrentQueue<string>();
        var started = Stopwatch.GetTimestamp();
        Parallel.For(0, count, i =>
        {
            var (c, text) = Case(i, seed, cases);
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
                        slowestIndex = i;
                        slowest = $"#{i} ({c.Id}, {text.Length} chars)";
                    }
                }
            }
        });
        var elapsed = Stopwatch.GetElapsedTime(started);
        Console.WriteLine($"Structured fuzz — {count:N0} seeded mutations/truncations (seed {seed}) of {cases.Count} corpus texts through TryParse, {Environment.ProcessorCount} threads, {elapsed.TotalSeconds:0.0} s");
        Console.WriteLine($"  ran {accepted + refused + threw:N0}: accepted {accepted:N0}, refused {refused:N0}, threw {threw:N0}");
        Console.WriteLine($"  slowest case {slowestMs:0.0} ms (wall time, pauses of the other thread and the GC included): {slowest}, {Alone(slowestIndex, seed, cases, schemas):0.00} ms parsed again alone (best of 3)");
        foreach (var failure in failures)
        {
            Console.WriteLine(failure);
        }

        return threw == 0 ? 0 : 1;
    }

    /// <summary>Case <paramref name="index"/> of the run: the same corpus text and mutation in every process.</summary>
    private static (StructuredCase Case, string Text) Case(int index, int seed, List<StructuredCase> cases)
    {
        // Not HashCode.Combine, which is seeded per process: a case must be found again from its number.
        var random = new Random(unchecked((seed * 1_000_003) ^ index));
        var c = cases[random.Next(cases.Count)];
        return (c, Mutate(c.Text, random));
    }

    /// <summary>The best time of three parses of case <paramref name="index"/> on this thread alone.</summary>
    private static double Alone(int index, int seed, List<StructuredCase> cases, Dictionary<string, StructuredSchema> schemas)
    {
        var (c, text) = Case(index, seed, cases);
        var best = double.MaxValue;
        for (var k = 0; k < 3; k++)
        {
            var started = Stopwatch.GetTimestamp();
            StructuredParser.TryParse(text, schemas[c.Function], out _);
            best = Math.Min(best, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
        }

        return best;
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
