namespace Keel.Simulator;

/// <summary>The faults the simulator can inject (docs/simulator.md).</summary>
internal enum FaultKind
{
    RateLimit,
    ServerError,
    Hang,
    SlowFirstToken,
    DropMidStream,
    MalformedJson,
    Length,
}
