using Keel.Bench;

// The bench pins latency runs to one core with processor affinity (Linux and Windows); this machine is Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Scenario benchmarks print Keel's figures beside a baseline measured in the same run.
//   dotnet run -c Release --project bench/Keel.Bench -- retrieval [--data DIR] [--scale N]
//   dotnet run -c Release --project bench/Keel.Bench -- hybrid [--data DIR] [--cache $TMPDIR/keel-bench-cache] [--ingest-sample 256]
//   dotnet run -c Release --project bench/Keel.Bench -- citations [--data DIR] [--cache $TMPDIR/keel-bench-cache] [--train-limit 400]
//   dotnet run -c Release --project bench/Keel.Bench -- vectors [--rows 100000]
//   dotnet run -c Release --project bench/Keel.Bench -- abstention [--data DIR] [--cache $TMPDIR/keel-bench-cache] [--train-limit 400]
//   dotnet run -c Release --project bench/Keel.Bench -- pipeline [--calls 2000]
//   dotnet run -c Release --project bench/Keel.Bench -- faultdrill [--calls 10000]
//   dotnet run -c Release --project bench/Keel.Bench -- embed [--data DIR] [--count 500]
//   dotnet run -c Release --project bench/Keel.Bench -- structured-corpus [--peers DIR] [--out /tmp/keel_results.jsonl] [--no-peers]
//   dotnet run -c Release --project bench/Keel.Bench -- structured-speed [--peers DIR]
//   dotnet run -c Release --project bench/Keel.Bench -- structured-fuzz [--count 1000000] [--seed 1] [--peers DIR]
//   dotnet run -c Release --project bench/Keel.Bench -- structured-diff --out FILE [--count 20000]   (every result in full, to diff before and after a parser change)
//   KEEL_PROFILE_MIN=1|stream dotnet run -c Release --project bench/Keel.Bench -- structured-profile   (allocations and best times per parse stage)
//   dotnet run -c Release --project bench/Keel.Bench -- eval [--peers /tmp/evals-bench]   (keel eval: 1k, 10k, 1k at 50 ms)
//   dotnet run -c Release --project bench/Keel.Bench -- micro      (BenchmarkDotNet: BM25 query, pipeline layers)
var command = args.FirstOrDefault() ?? "help";
switch (command)
{
    case "retrieval":
        await RetrievalBench.RunAsync(BenchData.Locate(Option(args, "--data")), int.Parse(Option(args, "--scale") ?? "100000", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "hybrid":
        await HybridBench.RunAsync(BenchData.Locate(Option(args, "--data")), BenchCache(args), int.Parse(Option(args, "--ingest-sample") ?? "256", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "citations":
        await AbstentionBench.RunCitationsAsync(BenchData.Locate(Option(args, "--data")), BenchCache(args), int.Parse(Option(args, "--train-limit") ?? "400", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "vectors":
        HybridBench.ExactSearchLatency(int.Parse(Option(args, "--rows") ?? "100000", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "abstention":
        await AbstentionBench.RunAsync(BenchData.Locate(Option(args, "--data")), BenchCache(args), int.Parse(Option(args, "--train-limit") ?? "400", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "pipeline":
        await PipelineBench.RunAsync(int.Parse(Option(args, "--calls") ?? "2000", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "faultdrill":
        await FaultDrillBench.RunAsync(int.Parse(Option(args, "--calls") ?? "10000", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "embed":
        await EmbeddingBench.RunAsync(BenchData.Locate(Option(args, "--data")), int.Parse(Option(args, "--count") ?? "500", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "structured-corpus":
        return StructuredCorpusBench.Run(StructuredCorpus.LocatePeers(Option(args, "--peers")), Path.GetFullPath(Option(args, "--out") ?? Path.Combine(Path.GetTempPath(), "keel_results.jsonl")), !args.Contains("--no-peers"));
    case "structured-speed":
        StructuredSpeedBench.Run();
        break;
    case "structured-diff":
        StructuredDiffDump.Run(StructuredCorpus.LocatePeers(Option(args, "--peers")), int.Parse(Option(args, "--count") ?? "20000", System.Globalization.CultureInfo.InvariantCulture), Option(args, "--out")!);
        break;
    case "structured-profile":
        StructuredSpeedBench.Profile();
        break;
    case "structured-fuzz":
        return StructuredFuzzBench.Run(StructuredCorpus.LocatePeers(Option(args, "--peers")), int.Parse(Option(args, "--count") ?? "1000000", System.Globalization.CultureInfo.InvariantCulture), int.Parse(Option(args, "--seed") ?? "1", System.Globalization.CultureInfo.InvariantCulture));
    case "eval":
        return await EvalBench.RunAllAsync(Option(args, "--peers"));
    case "eval-one":
        await EvalBench.RunOneAsync(
            int.Parse(Option(args, "--cases") ?? "1000", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--delay") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--concurrency") ?? "16", System.Globalization.CultureInfo.InvariantCulture),
            int.Parse(Option(args, "--warmup") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
            Enum.Parse<Keel.EvalCacheMode>(Option(args, "--cache") ?? "off", ignoreCase: true));
        break;
    case "sim-serve":
        await EvalBench.ServeSimulatorAsync(args[1]);
        break;
    case "micro":
        BenchmarkDotNet.Running.BenchmarkSwitcher.FromTypes([typeof(Bm25QueryBenchmarks), typeof(PipelineLayerBenchmarks)]).Run([.. args.Skip(1)]);
        break;
    default:
        Console.WriteLine("usage: Keel.Bench retrieval|hybrid|vectors|abstention|citations|pipeline|faultdrill|embed|eval|structured-corpus|structured-speed|structured-fuzz|micro [--data ../shared/datasets] [--scale 100000] [--calls N] [--count 500]");
        return 2;
}

return 0;

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}

static string BenchCache(string[] args) => Path.GetFullPath(Option(args, "--cache") ?? Path.Combine(Path.GetTempPath(), "keel-bench-cache"));
