using Keel.Simulator;

namespace Keel.Tests;

/// <summary>A working directory whose keel.yaml points at a simulator started for it; both go on dispose.</summary>
internal sealed class SimulatedDirectory : IAsyncDisposable
{
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

    public async ValueTask DisposeAsync()
    {
        await Simulator.DisposeAsync();
        Directory.Dispose();
    }
}
