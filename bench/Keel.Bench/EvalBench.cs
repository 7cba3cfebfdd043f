using System.Diagnostics;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Bench;

/// <summary><c>keel eval</c> at scale against the simulator: N cases × 4 deterministic assertions (is-json, regex,
/// json-schema, contains; every 20th case expects a wrong city, so 95% pass), through the full model pipeline,
/// with the run stored and JSON, JUnit and HTML reports rendered, as promptfoo's harness does. Each scenario runs
/// in a fresh process so peak memory is its own; the "warm" row first runs 500 other cases in that process (not
/// counted), so it shows the steady state without the JIT and first-call set-up a fresh <c>keel eval</c> pays; the
/// "cache write" row stores every call in the eval cache, as a first run with the default <c>--cache read</c> does.
/// The others run with <c>--cache off</c>, as promptfoo's harness runs with <c>--no-cache</c>.</summary>
internal static class EvalBench
{
    private static readonly System.Text.Json.JsonSerializerOptions JsonOptions = new() { PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.SnakeCaseLower };
    private static readonly string[] Cities = ["Paris", "Berlin", "Rome", "Madrid", "Lisbon", "Vienna", "Prague", "Oslo"];

    public static async Task<int> RunAllAsync(string? peers)
    {
        Console.WriteLine($"keel eval bench — simulator on 127.0.0.1 in its own process (not counted), {Environment.ProcessorCount} cores, load {File.ReadAllText("/proc/loadavg").Split(' ')[0]}");
        Console.WriteLine($"{"scenario",-44} {"cases",7} {"wall s",7} {"cases/s",8} {"CPU ms/case",12} {"peak WS MB",11} {"GC heap MB end",16} {"pass/fail/err",14} {"process CPU s",14} {"process wall s",15}");
        foreach (var (cases, delay, concurrency, warmup, cache) in new[]
        {
            (1000, 0, 16, 0, "off"), (1000, 0, 16, 500, "off"), (10000, 0, 16, 0, "off"), (10000, 0, 16, 0, "write"), (1000, 50, 64, 0, "off"),
        })
        {
            var child = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["eval-one", "--cases", Invariant(cases), "--delay", Invariant(delay), "--concurrency", Invariant(concurrency), "--warmup", Invariant(warmup), "--cache", cache])
            {
                RedirectStandardOutput = true,
            })!;
            var wall = Stopwatch.StartNew();
            var row = (await child.StandardOutput.ReadToEndAsync()).TrimEnd();
            await child.WaitForExitAsync();
            Console.WriteLine(Invariant($"{row} {wall.Elapsed.TotalSeconds,15:0.00}"));
        }

        Console.WriteLine("cases/s, CPU and memory are the run's own; process CPU and wall add .NET start-up, as GNU time counts them for promptfoo");
        Console.WriteLine("targets: ≥ 2,000 cases/s, ≤ 0.5 ms CPU per case, ≤ 150 MB at 10,000 cases, the 50 ms run in ≤ 2 s");
        PrintPeers(peers);
        return 0;
    }

    public static async Task RunOneAsync(int cases, int delayMs, int concurrency, int warmup, EvalCacheMode cache)
    {
        var directory = Path.Combine(Path.GetTempPath(), "keel-bench", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(directory);
        var script = new StringBuilder("rules:\n");
        foreach (var city in Cities)
        {
            script.Append(Invariant($"  - match: {{ contains: \"city={city}\" }}\n    reply: '{{\"id\": 7, \"city\": \"{city}\", \"answer\": \"The capital is {city}\"}}'\n"));
            if (delayMs > 0)
            {
                script.Append(Invariant($"    delay_ms: {delayMs}\n"));
            }
        }

        // The simulator runs in its own process, as promptfoo's mock does, so the figures below are Keel's alone.
        File.WriteAllText(Path.Combine(directory, "sim.yaml"), script.ToString());
        using var sim = Process.Start(new ProcessStartInfo(Environment.ProcessPath!, ["sim-serve", Path.Combine(directory, "sim.yaml")])
        {
            RedirectStandardOutput = true,
            RedirectStandardInput = true,
        })!;
        var baseUrl = await sim.StandardOutput.ReadLineAsync();
        File.WriteAllText(Path.Combine(directory, "keel.yaml"), Invariant($"models:\n  sim:\n    provider: openai-compatible\n    model: bench\n    base_url: {baseUrl}v1\n"));
        foreach (var (name, count) in new[] { ("bench", cases), ("warmup", warmup) })
        {
            File.WriteAllText(Path.Combine(directory, name + ".jsonl"), string.Concat(Enumerable.Range(0, count).Select(i =>
                Invariant($"{{\"id\": \"case-{i}\", \"vars\": {{\"n\": \"{i}\", \"city\": \"{Cities[i % Cities.Length]}\"}}, \"expected\": \"{(i % 20 == 19 ? "Atlantis" : Cities[i % Cities.Length])}\"}}\n"))));
            WriteSuite(directory, name, concurrency);
        }

        var services = new ServiceCollection();
        services.AddKeel(o => o.WorkingDirectory = directory);
        await using var provider = services.BuildServiceProvider();
        var evals = provider.GetRequiredService<EvalSuiteRunner>();
        var options = new EvalRunOptions { Cache = cache };
        if (warmup > 0)
        {
            await evals.RunAsync("warmup.suite.yaml", options);
        }

        var process = Process.GetCurrentProcess();
        var cpuBefore = process.TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var run = await evals.RunAsync("bench.suite.yaml", options);
        var reports = Path.Combine(directory, "report");
        File.WriteAllText(reports + ".xml", run.ToJUnitXml());
        using (var html = new StreamWriter(reports + ".html"))
        {
            run.WriteHtml(html);
        }

        await using (var json = File.Create(reports + ".json"))
        {
            await System.Text.Json.JsonSerializer.SerializeAsync(json, run, JsonOptions);
        }

        await provider.GetRequiredService<TraceWriter>().FlushAsync();
        clock.Stop();
        process.Refresh();
        var cpu = (process.TotalProcessorTime - cpuBefore).TotalMilliseconds;
        var o = run.Summary.Overall;
        var label = Invariant($"{cases:N0} cases{(delayMs > 0 ? $", {delayMs} ms latency" : "")}, concurrency {concurrency}{(warmup > 0 ? ", warm" : "")}{(cache == EvalCacheMode.Off ? "" : $", cache {cache.ToString().ToLowerInvariant()}")}");
        Console.WriteLine(Invariant($"{label,-44} {cases,7} {clock.Elapsed.TotalSeconds,7:0.00} {cases / clock.Elapsed.TotalSeconds,8:0} {cpu / cases,12:0.000} {process.PeakWorkingSet64 / 1048576.0,11:0} {GC.GetGCMemoryInfo().HeapSizeBytes / 1048576.0,16:0} {$"{o.Passed}/{o.Failed}/{o.Errors}",14} {process.TotalProcessorTime.TotalSeconds,14:0.00}"));
        sim.StandardInput.Close();
        await sim.WaitForExitAsync();
        Directory.Delete(directory, recursive: true);
    }

    private static void WriteSuite(string directory, string name, int concurrency) =>
        File.WriteAllText(Path.Combine(directory, name + ".suite.yaml"), Invariant($$$"""
            targets:
              - models: [sim]
                prompt: [{ role: user, content: "Return JSON for id={{n}} city={{city}}" }]
            dataset: {{{name}}}.jsonl
            concurrency: {{{concurrency}}}
            assert:
              - type: is-json
              - type: regex
                value: '"id": \d+'
              - type: json-schema
                value: { type: object, properties: { id: { type: integer }, city: { type: string } }, required: [id, city] }
              - type: contains
            """));

    /// <summary>Serves a simulator script until standard input closes; prints the base URL first.</summary>
    public static async Task ServeSimulatorAsync(string scriptPath)
    {
        await using var sim = await Keel.Simulator.SimulatorServer.StartAsync(new Keel.Simulator.SimulatorOptions { ScriptPath = scriptPath });
        Console.WriteLine(sim.BaseUrl);
        await Console.In.ReadToEndAsync();
    }

    /// <summary>promptfoo's figures from its harness (../shared/peers/evals-bench), when it has been run on this machine.</summary>
    private static void PrintPeers(string? peers)
    {
        var results = Path.Combine(peers ?? "/tmp/evals-bench", "results.tsv");
        if (!File.Exists(results))
        {
            Console.WriteLine($"promptfoo: no {results}; run the harness in ../shared/peers/evals-bench (README.md) to print its rows here.");
            return;
        }

        Console.WriteLine("promptfoo 0.123.1, from its harness on this machine (" + results + "; GNU time over the whole process, mock in its own process):");
        Console.WriteLine($"{"scenario",-44} {"cases",7} {"wall s",7} {"cases/s",8} {"CPU ms/case",12} {"peak RSS MB",11} {"pass/fail/err",14} {"load",6}");
        foreach (var line in File.ReadLines(results))
        {
            var fields = line.Split('\t');
            var value = (string key) => fields.FirstOrDefault(f => f.StartsWith(key + "=", StringComparison.Ordinal))?[(key.Length + 1)..] ?? "";
            var counts = value("durMs/pass/fail/err").Split(' ');
            if (fields.Length < 8 || counts.Length < 4)
            {
                Console.WriteLine($"{fields[0],-44} did not finish: {value("exit")} after {value("wall")} (run.sh stops it at 300 s), peak RSS {value("rss_kb")} kB, load {value("load")}");
                continue;
            }

            var cases = counts.Skip(1).Sum(c => int.Parse(c, CultureInfo.InvariantCulture));
            var wall = value("wall").Split(':').Aggregate(0.0, (total, part) => (total * 60) + double.Parse(part, CultureInfo.InvariantCulture));
            var cpu = double.Parse(value("user"), CultureInfo.InvariantCulture) + double.Parse(value("sys"), CultureInfo.InvariantCulture);
            Console.WriteLine(Invariant($"{fields[0],-44} {cases,7} {wall,7:0.00} {cases / wall,8:0} {cpu * 1000 / cases,12:0.000} {double.Parse(value("rss_kb"), CultureInfo.InvariantCulture) / 1024,11:0} {$"{counts[1]}/{counts[2]}/{counts[3]}",14} {value("load"),6}"));
        }
    }

    private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
