using System.Globalization;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The keys Keel's pipeline layers use in <see cref="ChatResponse.AdditionalProperties"/> to report what
/// happened inside a call, and a tolerant reader for them.</summary>
internal static class PipelineProperties
{
    public const string Retries = "keel.retries";
    public const string AnsweredBy = "keel.model";
    public const string Fallbacks = "keel.fallbacks";
    public const string CostUsd = "keel.cost_usd";
    public const string UsageEstimated = "keel.usage_estimated";

    public static T? Get<T>(AdditionalPropertiesDictionary? properties, string key)
    {
        if (properties is null || !properties.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (target == typeof(string) && value is not string && value is IEnumerable<string> list)
        {
            return (T)(object)string.Join(",", list);
        }

        return value is IConvertible ? (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture) : default;
    }
}
