namespace Keel;

/// <summary>Something in a suite that looks like a mistake but does not stop it (<c>strict: true</c> makes it an error).</summary>
/// <param name="Location">Where the first case that shows it is written, <c>FILE:LINE</c>.</param>
/// <param name="Case">That case's id.</param>
/// <param name="Variable">The case variable nothing reads.</param>
/// <param name="Suggestion">A close name something does read, or null.</param>
/// <param name="Cases">How many cases carry the variable (it is reported once).</param>
/// <param name="Message">The whole warning, as printed.</param>
public sealed record EvalSuiteWarning(string Location, string Case, string Variable, string? Suggestion, int Cases, string Message);
