namespace Keel.Simulator;

/// <summary>Random faults: each chat request fails with probability <paramref name="Rate"/>, drawn from a seeded generator.</summary>
/// <param name="Rate">Probability in [0, 1].</param>
/// <param name="Kinds">The kinds to draw from, uniformly.</param>
/// <param name="Seed">Seed of the generator: the same seed and request order give the same faults.</param>
internal sealed record FaultRateSpec(double Rate, IReadOnlyList<FaultKind> Kinds, int Seed);
