using System.CommandLine;
using System.Globalization;
using Keel.Simulator;
using Microsoft.Extensions.Logging;

namespace Keel.Cli;

/// <summary><c>keel sim</c>: runs the OpenAI/Anthropic simulator on loopback until Ctrl+C (docs/simulator.md).</summary>
internal static class SimCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var port = new Option<int>("--port", "-p") { Description = "Port on 127.0.0.1 (default: 0, any free port)" }.InRange(0, 65535);
        var script = new Option<string?>("--script", "-s") { Description = "YAML script of rules and faults (see docs/simulator.md)" };
        var faultRate = new Option<double?>("--fault-rate") { Description = "Probability (0-1) of a random fault per chat request, overriding the script" }.InRange(0.0, 1.0);
        var seed = new Option<int?>("--seed") { Description = "Seed for random faults (same seed, same faults)" };
        var json = new Option<bool>("--json") { Description = "Print the addresses (and, on stop, the counts) as JSON" };
        var quiet = new Option<bool>("--quiet", "-q") { Description = "Do not log a line per request on stderr" };
        var command = new Command("sim", "Run a local OpenAI- and Anthropic-compatible simulator with scripted replies and faults")
        {
            port, script, faultRate, seed, json, quiet,
        };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var portValue = parseResult.GetValue(port);
            var rate = parseResult.GetValue(faultRate);
            var scriptPath = parseResult.GetValue(script) is { } path ? Path.Combine(environment.WorkingDirectory, path) : null;
            using var log = new LineLogger(environment.Error, parseResult.GetValue(quiet) ? LogLevel.None : LogLevel.Information);
            var options = new SimulatorOptions
            {
                Port = portValue,
                ScriptPath = scriptPath,
                FaultRate = rate,
                FaultSeed = parseResult.GetValue(seed),
                LoggerFactory = log,
            };
            await using var server = await SimulatorServer.StartAsync(options, cancellationToken);
            var root = server.BaseUrl.ToString();
            var asJson = parseResult.GetValue(json);
            if (asJson)
            {
                CliJson.Write(environment.Out, new { BaseUrl = root, OpenaiBaseUrl = root + "v1", AnthropicBaseUrl = root });
            }
            else
            {
                await environment.Out.WriteLineAsync($"Keel simulator listening on {root} (OpenAI: {root}v1, Anthropic: {root})");
                await environment.Out.WriteLineAsync("Press Ctrl+C to stop.");
            }

            await environment.Out.FlushAsync(CancellationToken.None);
            try
            {
                await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
            }
            catch (OperationCanceledException)
            {
                // Ctrl+C is how the simulator is meant to stop.
            }

            if (asJson)
            {
                CliJson.Write(environment.Out, new { Requests = server.Stats.TotalRequests, Faults = server.Stats.FaultsInjected });
            }
            else
            {
                await environment.Out.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"Stopped after {server.Stats.TotalRequests} requests ({server.Stats.FaultsInjected} faults)."));
            }

            return ExitCodes.Success;
        });
        return command;
    }
}
