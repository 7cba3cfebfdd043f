using Keel.Bench;

// The bench pins latency runs to one core with processor affinity (Linux and Windows); this machine is Linux.
[assembly: System.Runtime.Versioning.SupportedOSPlatform("linux")]

// Scenario benchmarks print Keel's figures beside a baseline measured in the same run.
//   dotnet run -c Release --project bench/Keel.Bench -- retrieval [--data DIR] [--scale N]
//   dotnet run -c Release --project bench/Keel.Bench -- abstention [--data DIR]
//   dotnet run -c Release --project bench/Keel.Bench -- micro      (BenchmarkDotNet)
var command = args.FirstOrDefault() ?? "help";
var data = BenchData.Locate(Option(args, "--data"));
switch (command)
{
    case "retrieval":
        await RetrievalBench.RunAsync(data, int.Parse(Option(args, "--scale") ?? "100000", System.Globalization.CultureInfo.InvariantCulture));
        break;
    case "abstention":
        await AbstentionBench.RunAsync(data);
        break;
    case "micro":
        BenchmarkDotNet.Running.BenchmarkRunner.Run<Bm25QueryBenchmarks>(args: [.. args.Skip(1)]);
        break;
    default:
        Console.WriteLine("usage: Keel.Bench retrieval|abstention|micro [--data ../shared/datasets] [--scale 100000]");
        return 2;
}

return 0;

static string? Option(string[] args, string name)
{
    var i = Array.IndexOf(args, name);
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
}
