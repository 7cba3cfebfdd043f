using System.Text.RegularExpressions;
using Keel.Cli;
using Spectre.Console.Testing;

namespace Keel.Tests.Simulator;

public sealed partial class SimCommandTests
{
    [Fact]
    public async Task Sim_StartedThenCancelled_PrintsAddressServesAndExitsZero()
    {
        using var directory = new TempDirectory();
        directory.File("sim.yaml", "rules:\n  - reply: from the script\n");
        var output = new SynchronizedWriter();
        var error = new StringWriter();
        using var cancellation = new CancellationTokenSource();
        var run = KeelCli.RunAsync(["sim", "--script", "sim.yaml"], new CliEnvironment(new TestConsole(), output, error, directory.Path), cancellation.Token);

        var match = await WaitForAddressAsync(output);
        using var http = new HttpClient { BaseAddress = new Uri(match.Groups["root"].Value) };
        using var response = await http.PostAsync("v1/chat/completions", new StringContent("""{"model":"m","messages":[{"role":"user","content":"hi"}]}"""));
        var body = await response.Content.ReadAsStringAsync();
        await cancellation.CancelAsync();
        var exitCode = await run;

        Assert.Contains("from the script", body, StringComparison.Ordinal);
        Assert.Equal($"{match.Groups["root"].Value}v1", match.Groups["openai"].Value);
        Assert.Equal(0, exitCode);
        Assert.Contains("Stopped after 1 requests", output.ToString(), StringComparison.Ordinal);
        Assert.Contains("POST /v1/chat/completions m: rule at line 2: reply", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Sim_Json_PrintsAddressesThenCounts()
    {
        using var directory = new TempDirectory();
        var output = new SynchronizedWriter();
        using var cancellation = new CancellationTokenSource();
        var run = KeelCli.RunAsync(["sim", "--json"], new CliEnvironment(new TestConsole(), output, new StringWriter(), directory.Path), cancellation.Token);
        for (var i = 0; i < 200 && !output.ToString().Contains("anthropic_base_url", StringComparison.Ordinal); i++)
        {
            await Task.Delay(10);
        }

        await cancellation.CancelAsync();
        Assert.Equal(0, await run);

        var documents = output.ToString().Split("}", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(d => d.Length > 0).Select(d => System.Text.Json.JsonDocument.Parse(d + "}")).ToList();
        Assert.Matches(@"^http://127\.0\.0\.1:\d+/v1$", documents[0].RootElement.GetProperty("openai_base_url").GetString());
        Assert.Equal(0, documents[1].RootElement.GetProperty("requests").GetInt32());
    }

    [Fact]
    public async Task Sim_BadScript_ExitCodeOneWithFileAndLine()
    {
        using var directory = new TempDirectory();
        directory.File("sim.yaml", "rules:\n  - fault: { kind: explode }\n");

        var run = await Cli.CliRunner.RunAsync(directory.Path, "sim", "--script", "sim.yaml");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("sim.yaml:2:", run.Error, StringComparison.Ordinal);
        Assert.Contains("unknown fault kind 'explode'", run.Error, StringComparison.Ordinal);
    }

    private static async Task<Match> WaitForAddressAsync(SynchronizedWriter output)
    {
        for (var i = 0; i < 200; i++)
        {
            var match = AddressLine().Match(output.ToString());
            if (match.Success)
            {
                return match;
            }

            await Task.Delay(10);
        }

        throw new TimeoutException($"keel sim did not print its address; output so far: {output}");
    }

    [GeneratedRegex(@"Keel simulator listening on (?<root>http://127\.0\.0\.1:\d+/) \(OpenAI: (?<openai>\S+), Anthropic: (?<anthropic>\S+)\)")]
    private static partial Regex AddressLine();
}
