namespace Keel;

/// <summary>Which repairs and coercions a structured parse may make; a needed repair the policy denies is an error.</summary>
public sealed class StructuredPolicy
{
    private readonly HashSet<StructuredRule> _denied;

    private StructuredPolicy(IEnumerable<StructuredRule> denied) => _denied = [.. denied];

    /// <summary>Gets the default policy: every repair and coercion is allowed (each still reported as a diagnostic).</summary>
    public static StructuredPolicy Lenient { get; } = new([]);

    /// <summary>Gets the policy that allows no repair or coercion: the text must be one schema-valid JSON value.</summary>
    public static StructuredPolicy Strict { get; } = new(Enum.GetValues<StructuredRule>().Where(r => r < StructuredRule.NoValue));

    /// <summary>Returns a copy of this policy that allows <paramref name="rule"/>.</summary>
    /// <param name="rule">The repair or coercion to allow.</param>
    /// <returns>The new policy.</returns>
    public StructuredPolicy Allow(StructuredRule rule) => new(_denied.Where(r => r != rule));

    /// <summary>Returns a copy of this policy that denies <paramref name="rule"/>.</summary>
    /// <param name="rule">The repair or coercion to deny.</param>
    /// <returns>The new policy.</returns>
    public StructuredPolicy Deny(StructuredRule rule) => new(_denied.Append(rule));

    /// <summary>Whether this policy allows <paramref name="rule"/>.</summary>
    /// <param name="rule">The repair or coercion.</param>
    /// <returns><see langword="true"/> when the parser may apply it.</returns>
    public bool IsAllowed(StructuredRule rule) => !_denied.Contains(rule);

    /// <summary>Gets whether this policy denies any rule (when not, no diagnostic needs checking against it).</summary>
    internal bool DeniesAny => _denied.Count > 0;
}
