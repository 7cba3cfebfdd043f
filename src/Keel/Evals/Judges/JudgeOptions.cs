namespace Keel;

/// <summary>What every model-graded assertion is configured with besides its judge model.</summary>
/// <param name="Name">The assertion's name in reports and gates (default: its type).</param>
/// <param name="Threshold">The score in [0, 1] a case must reach to pass; null where the judge's own pass/fail decides (rubric).</param>
/// <param name="MaxReasks">How many times a verdict that does not fit its schema is sent back to the judge before the case is an ERROR.</param>
internal sealed record JudgeOptions(string Name, double? Threshold, int MaxReasks = 1);
