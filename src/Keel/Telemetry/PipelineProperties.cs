using System.Globalization;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Reads what Keel's pipeline layers report in <see cref="ChatResponse.AdditionalProperties"/>
/// (<see cref="KeelPropertyNames"/>), tolerant of the value's numeric type.</summary>
internal static class PipelineProperties
{
    public static T? Get<T>(AdditionalPropertiesDictionary? properties, string key)
    {
        if (properties is null || !properties.TryGetValue(key, out var value) || value is null)
        {
            return default;
        }

        var target = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        if (target == typeof(string) && value is not string && value is IEnumerable<string> list)
        {
            var joined = string.Join(",", list);
            return joined.Length == 0 ? default : (T)(object)joined;
        }

        return value is IConvertible ? (T)Convert.ChangeType(value, target, CultureInfo.InvariantCulture) : default;
    }
}
