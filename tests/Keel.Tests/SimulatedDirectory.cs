using Keel.Simulator;

namespace Keel.Tests;

/// <summary>A working directory whose keel.yaml points at a simulator started for it; both go on dispose.</summary>
internal sealed class SimulatedDirectory : IAsyncDisposable
{
    /// <summary>The environment variable that holds the simulator's (fake) API key for the <c>openai</c> provider.</summary>
    public const string KeyVariable = "KEEL_TEST_SIMULATOR_KEY";

    static SimulatedDirectory() => Environment.SetEnvironmentVariable(KeyVariable, "sk-test-simulator");

    private SimulatedDirectory(SimulatorServer simulator) => Simulator = simulator;

    public TempDirectory Directory { get; } = new();

    public SimulatorServer Simulator { get; }

    /// <summary>Starts the simulator with <paramref name="script"/> and writes the keel.yaml that
    /// <paramref name="keelYaml"/> makes from the OpenAI-style base URL (<c>http://127.0.0.1:PORT/v1</c>).</summary>
    public static async Task<SimulatedDirectory> StartAsync(string script, Func<string, string> keelYaml)
    {
        var simulated = new SimulatedDirectory(await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = script }));
        simulated.Directory.File("keel.yaml", keelYaml(simulated.Simulator.BaseUrl + "v1"));
        return simulated;
    }

    /// <summary>As <see cref="StartAsync"/>, with one model <c>oa</c> on the real OpenAI provider (gpt-4o-mini) and
    /// <paramref name="moreYaml"/> after it.</summary>
    public static Task<SimulatedDirectory> StartOpenAiAsync(string script, string moreYaml = "") =>
        StartAsync(script, baseUrl => $"models:\n  oa:\n    provider: openai\n    model: gpt-4o-mini\n    base_url: {baseUrl}\n    api_key_env: {KeyVariable}\n{moreYaml}");

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Directory.Dispose();
    }
}
