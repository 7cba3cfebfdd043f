namespace Keel.Tests.Structured;

/// <param name="Expect">The expected value as JSON, or null when the case must fail.</param>
internal sealed record GeneratedCase(string Id, StructuredSchema Schema, string Input, string? Expect);
