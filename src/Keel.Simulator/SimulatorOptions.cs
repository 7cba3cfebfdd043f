using Microsoft.Extensions.Logging;

namespace Keel.Simulator;

/// <summary>How to start a <see cref="SimulatorServer"/>.</summary>
public sealed class SimulatorOptions
{
    /// <summary>Gets or sets the loopback port to listen on.</summary>
    /// <value>0 (default): an ephemeral port chosen by the OS; read it from <see cref="SimulatorServer.BaseUrl"/>.</value>
    public int Port { get; set; }

    /// <summary>Gets or sets the path of a YAML script of rules and faults (docs/simulator.md).</summary>
    /// <value>Null (default): no file. Cannot be combined with <see cref="ScriptYaml"/>.</value>
    public string? ScriptPath { get; set; }

    /// <summary>Gets or sets a YAML script given inline, in the same format as a script file.</summary>
    /// <value>Null (default): no inline script.</value>
    public string? ScriptYaml { get; set; }

    /// <summary>Gets or sets the probability in [0, 1] that a chat request fails with a random fault, overriding the script's <c>fault_rate.rate</c>.</summary>
    /// <value>Null (default): the script decides; no script means no random faults.</value>
    public double? FaultRate { get; set; }

    /// <summary>Gets or sets the seed of the random faults, overriding the script's <c>fault_rate.seed</c>.</summary>
    /// <value>Null (default): the script's seed, or 0.</value>
    public int? FaultSeed { get; set; }

    /// <summary>Gets or sets the length of the vectors <c>/v1/embeddings</c> returns when the request does not ask for one.</summary>
    /// <value>384 by default.</value>
    public int EmbeddingDimensions { get; set; } = 384;

    /// <summary>Gets or sets the clock used for timestamps, delays and <c>retry-after</c> dates.</summary>
    /// <value><see cref="TimeProvider.System"/> by default.</value>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>Gets or sets where the simulator logs one line per request (route, model, the rule or default that answered, the fault); never message content.</summary>
    /// <value>Null (default): no logging.</value>
    public ILoggerFactory? LoggerFactory { get; set; }
}
