using System.Diagnostics;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace Keel.Bench;

/// <summary>Throughput, linearity and allocations of Keel's lenient parser beside System.Text.Json deserialising the same valid
/// Person[] documents (the document speed.js builds for BAML and jsonrepair), and on the same documents made malformed.</summary>
internal static partial class StructuredSpeedBench
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);
    private static readonly JsonSerializerOptions Indented = new(Options) { WriteIndented = true, IndentSize = 2 };

    public static void Run()
    {
        var schema = StructuredCorpus.Schemas()["ExtractPeople"];
        Console.WriteLine("Structured parse throughput — Person[] documents as speed.js builds them (JSON.stringify(arr, null, 2)); each row ≥ 400 ms of repeated runs after a warm-up of ≥ 300 ms and up to 100 runs");
        Console.WriteLine($"  {"document",-34} {"engine",-32} {"MB/s",9} {"ms/run",9} {"alloc/run",12} {"alloc ÷ STJ",12} {"items",7} {"repairs",8}");
        var linearity = new List<string>();
        var targets = new Targets();
        var stjMs = new Dictionary<int, double>();
        WarmUp(schema);
        foreach (var variant in Variants)
        {
            var perMb = new Dictionary<int, double>();
            foreach (var kb in new[] { 100, 1000 })
            {
                var valid = Document(kb * 1024);
                var text = variant.Make(valid);
                var stj = variant.Name == "valid" ? Measure(() => JsonSerializer.Deserialize<Person[]>(text, Options)!.Length, text) : default;
                if (variant.Name == "valid")
                {
                    var node = Measure(() => JsonNode.Parse(text)!.AsArray().Count, text);
                    StjAllocations[kb] = stj.Allocated;
                    stjMs[kb] = stj.MsPerRun;
                    Row($"{variant.Name} {kb} KB", "System.Text.Json <Person[]>", stj, stj.Allocated);
                    Row($"{variant.Name} {kb} KB", "System.Text.Json JsonNode", node, stj.Allocated);
                }

                var keel = Measure(() => StructuredParser.TryParse(text, schema, out var r) ? r.Value!.AsArray().Count : -1, text);
                StructuredParser.TryParse(text, schema, out var result);
                Row($"{variant.Name} {kb} KB", "Keel TryParse", keel, StjAllocations[kb], result.Repairs.Count);
                targets.Add(variant.Name, keel, (double)keel.Allocated / StjAllocations[kb]);
                if (result.Repairs.Count > 0)
                {
                    // Repairs are written out as they are read; this row is the cost for a caller that reads every one (path, before, after).
                    var read = Measure(() => StructuredParser.TryParse(text, schema, out var r) ? r.Value!.AsArray().Count + ReadAll(r.Repairs) : -1, text);
                    Row($"{variant.Name} {kb} KB", "Keel TryParse + every repair read", read, StjAllocations[kb], result.Repairs.Count);
                    targets.AddRead((double)read.Allocated / StjAllocations[kb]);
                }

                perMb[kb] = keel.MsPerRun;
            }

            targets.Linearity(variant.Name, perMb[1000] / perMb[100]);
            linearity.Add($"  {variant.Name,-34} Keel 1000 KB ÷ 100 KB time: {perMb[1000] / perMb[100]:0.0}× (target ≤ 12×)");
        }

        Console.WriteLine();
        Console.WriteLine("Linearity (10× the input):");
        Console.WriteLine($"  {"valid (for scale)",-34} STJ <Person[]> 1000 KB ÷ 100 KB time: {stjMs[1000] / stjMs[100]:0.0}×");
        linearity.ForEach(Console.WriteLine);
        targets.Streaming = Stream(schema);
        targets.Print();
    }

    /// <summary>
    /// Runs every engine over every variant before any row is measured, with pauses for the background compiler: on a
    /// loaded machine a row's own warm-up alone left the first lenient row measuring code still being tiered up.
    /// </summary>
    private static void WarmUp(StructuredSchema schema)
    {
        var texts = Variants.Select(v => v.Make(Document(100 * 1024))).ToList();
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 40; i++)
            {
                JsonSerializer.Deserialize<Person[]>(texts[0], Options);
                _ = JsonNode.Parse(texts[0])!.AsArray().Count;
                foreach (var text in texts)
                {
                    StructuredParser.TryParse(text, schema, out var result);
                    ReadAll(result.Repairs);
                }
            }

            Thread.Sleep(300);
        }
    }

    /// <summary>Reads every field of every repair, so that lazily written diagnostics are all written out.</summary>
    private static int ReadAll(IReadOnlyList<StructuredDiagnostic> repairs)
    {
        var length = 0;
        foreach (var repair in repairs)
        {
            length += repair.Path.Length + repair.Message.Length + (repair.Before?.Length ?? 0) + (repair.After?.Length ?? 0);
        }

        _readLength += length;
        return 0;
    }

    private static long _readLength;

    /// <summary>The issue's targets, checked against this run's figures.</summary>
    private sealed class Targets
    {
        private readonly List<(string Name, double MbPerSecond)> _valid = [];
        private readonly List<(string Name, double MbPerSecond)> _malformed = [];
        private readonly List<(string Name, double Ratio)> _linearity = [];
        private double _allocation;
        private double _allocationRead;

        public double Streaming { get; set; }

        public void Add(string name, Measurement keel, double allocation)
        {
            (name == "valid" ? _valid : _malformed).Add((name, keel.MbPerSecond));
            _allocation = Math.Max(_allocation, allocation);
        }

        public void AddRead(double allocation) => _allocationRead = Math.Max(_allocationRead, allocation);

        public void Linearity(string name, double ratio) => _linearity.Add((name, ratio));

        public void Print()
        {
            var valid = _valid.MinBy(v => v.MbPerSecond);
            var malformed = _malformed.MinBy(m => m.MbPerSecond);
            var linear = _linearity.MaxBy(l => l.Ratio);
            Console.WriteLine();
            Console.WriteLine("Issue targets, from this run (speeds depend on the machine's load: read them beside the System.Text.Json rows above):");
            Console.WriteLine($"  valid input ≥ 50 MB/s            slowest Keel row {valid.MbPerSecond,6:0.0} MB/s             {Verdict(valid.MbPerSecond >= 50)}");
            Console.WriteLine($"  malformed input ≥ 20 MB/s        slowest Keel row {malformed.MbPerSecond,6:0.0} MB/s ({malformed.Name}) {Verdict(malformed.MbPerSecond >= 20)}");
            Console.WriteLine($"  linear: 10× the input ≤ 12× time worst {linear.Ratio,5:0.0}× ({linear.Name})             {Verdict(linear.Ratio <= 12)}");
            Console.WriteLine($"  allocations ≤ 2× STJ <Person[]>  worst Keel row {_allocation,5:0.0}× (every repair read: {_allocationRead:0.0}×) {Verdict(_allocation <= 2)}");
            Console.WriteLine($"  streaming amortised linear ≤ 12× 1000 KB ÷ 100 KB {Streaming,5:0.0}×                  {Verdict(Streaming <= 12)}");
        }

        private static string Verdict(bool met) => met ? "met" : "NOT met";
    }

    /// <summary>StructuredStreamParser over the valid document in 64-character chunks: total time and readings, against one parse.</summary>
    private static double Stream(StructuredSchema schema)
    {
        Console.WriteLine();
        Console.WriteLine("Streaming partial values (StructuredStreamParser, 64-character chunks, Complete() at the end):");
        var perKb = new Dictionary<int, double>();
        foreach (var kb in new[] { 100, 1000 })
        {
            var text = Document(kb * 1024);
            var readings = 0;
            var stream = Measure(
                () =>
                {
                    var parser = new StructuredStreamParser(schema);
                    for (var i = 0; i < text.Length; i += 64)
                    {
                        parser.Append(text.Substring(i, Math.Min(64, text.Length - i)));
                    }

                    readings = parser.Readings;
                    return parser.Complete().Value!.AsArray().Count;
                },
                text);
            var once = Measure(() => StructuredParser.TryParse(text, schema, out var r) ? r.Value!.AsArray().Count : -1, text);
            Console.WriteLine($"  {"stream " + kb + " KB",-34} {stream.MsPerRun,9:0.0} ms  {readings,4} readings of {text.Length / 64} chunks  {stream.MsPerRun / once.MsPerRun,5:0.0}× one TryParse  {stream.Allocated / 1024,8} KB alloc/run ({(double)stream.Allocated / once.Allocated:0.0}× one TryParse)");
            perKb[kb] = stream.MsPerRun;
        }

        Console.WriteLine($"  {"stream",-34} 1000 KB ÷ 100 KB time: {perKb[1000] / perKb[100]:0.0}× (linear: ≤ 12×)");
        return perKb[1000] / perKb[100];
    }

    private static readonly Dictionary<int, long> StjAllocations = [];

    private static readonly (string Name, Func<string, string> Make)[] Variants =
    [
        ("valid", t => t),
        ("single quotes", t => t.Replace('"', '\'')),
        ("trailing commas", t => ClosingBrace().Replace(t, ",\n$1}")),
        ("unquoted keys", t => QuotedKey().Replace(t, "$1:")),
        ("fenced with prose", t => "Sure! Here are the people you asked for:\n\n```json\n" + t + "\n```\n\nLet me know if you need anything else."),
        ("all four", t => "Sure! Here they are:\n```json\n" + QuotedKey().Replace(ClosingBrace().Replace(t, ",\n$1}"), "$1:").Replace('"', '\'') + "\n```\nAnything else?"),
    ];

    private static string Document(int bytes)
    {
        var people = new List<Person>();
        var text = "";
        while (text.Length < bytes)
        {
            // speed.js regrows the whole array each step; adding items in batches keeps the same shape without the quadratic cost.
            for (var i = 0; i < 50; i++)
            {
                people.Add(new Person("P" + people.Count, 42, 3.5, true, "HIGH", ["vip", "new"], new Address("1 Main St", "Springfield", null), null));
            }

            text = JsonSerializer.Serialize(people, Indented);
        }

        return text;
    }

    private static Measurement Measure(Func<int> run, string text)
    {
        // The garbage of building the documents and of the row before is collected now, not during this row.
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        var items = run();
        // Long enough for tiered compilation to reach its optimised code (two rounds of 30 calls for a method called once per
        // run, with instrumentation between), for every engine alike: ≥ 300 ms, and up to 100 runs within 1.5 s.
        var warming = Stopwatch.GetTimestamp();
        for (var i = 0; i < 3 || Stopwatch.GetElapsedTime(warming).TotalMilliseconds is var warm && (warm < 300 || (i < 100 && warm < 1500)); i++)
        {
            run();
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        run();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        var runs = 0;
        var started = Stopwatch.GetTimestamp();
        do
        {
            run();
            runs++;
        }
        while (Stopwatch.GetElapsedTime(started).TotalMilliseconds < 400);
        var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds / runs;
        return new Measurement(Encoding.UTF8.GetByteCount(text) / 1048576.0 / (ms / 1000), ms, allocated, items);
    }

    private static void Row(string document, string engine, Measurement m, long baselineAllocated, int? repairs = null) =>
        Console.WriteLine($"  {document,-34} {engine,-32} {m.MbPerSecond,9:0.0} {m.MsPerRun,9:0.00} {m.Allocated / 1024.0,9:0} KB {(double)m.Allocated / baselineAllocated,11:0.0}× {m.Items,7} {(repairs is { } n ? n.ToString(System.Globalization.CultureInfo.InvariantCulture) : ""),8}");

    [GeneratedRegex("\"(\\w+)\":")]
    private static partial Regex QuotedKey();

    [GeneratedRegex("\\n(\\s*)\\}")]
    private static partial Regex ClosingBrace();

    private readonly record struct Measurement(double MbPerSecond, double MsPerRun, long Allocated, int Items);

    private sealed record Address(string Street, string City, string? Zip);

    private sealed record Person(string Name, int Age, double Score, bool Active, string Priority, string[] Tags, Address? Address, string? Nickname);
}
