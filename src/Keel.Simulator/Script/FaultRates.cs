namespace Keel.Simulator;

/// <summary>Defaults for random faults.</summary>
internal static class FaultRates
{
    /// <summary>The kinds drawn when a fault rate names none: the failures a retry layer must survive.</summary>
    public static IReadOnlyList<FaultKind> DefaultKinds { get; } = [FaultKind.RateLimit, FaultKind.ServerError, FaultKind.DropMidStream];
}
