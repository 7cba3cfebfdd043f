using Keel.Simulator;
using Microsoft.Extensions.DependencyInjection;

namespace Keel.Bench;

/// <summary>Keel configured from a keel.yaml whose models point at a simulator on loopback.</summary>
internal sealed class KeelModelsHarness : IAsyncDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "keel-bench", Guid.NewGuid().ToString("N"));
    private readonly ServiceProvider _services;

    private KeelModelsHarness(SimulatorServer sim, string keelYaml)
    {
        Simulator = sim;
        Directory.CreateDirectory(_directory);
        File.WriteAllText(Path.Combine(_directory, "keel.yaml"), keelYaml);
        var services = new ServiceCollection();
        services.AddKeel(o => o.WorkingDirectory = _directory);
        _services = services.BuildServiceProvider();
    }

    public SimulatorServer Simulator { get; }

    public ModelCatalog Models => _services.GetRequiredService<ModelCatalog>();

    public ITraceStore Traces => _services.GetRequiredService<ITraceStore>();

    public TraceWriter TraceWriter => _services.GetRequiredService<TraceWriter>();

    /// <summary>Starts a simulator and Keel over it; <paramref name="keelYaml"/> gets the simulator's base URL as {0}.</summary>
    public static async Task<KeelModelsHarness> StartAsync(string keelYaml, string? simulatorScript = null)
    {
        var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = simulatorScript });
        return new KeelModelsHarness(sim, string.Format(System.Globalization.CultureInfo.InvariantCulture, keelYaml, sim.BaseUrl));
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Simulator.DisposeAsync();
        try
        {
            Directory.Delete(_directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
