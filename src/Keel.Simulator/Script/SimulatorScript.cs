namespace Keel.Simulator;

/// <summary>A parsed simulator script: rules tried in order, and optional random faults.</summary>
internal sealed record SimulatorScript(IReadOnlyList<ScriptRule> Rules, FaultRateSpec? FaultRate)
{
    public static SimulatorScript Empty { get; } = new([], null);
}
