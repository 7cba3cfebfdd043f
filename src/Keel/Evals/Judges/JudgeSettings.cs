using System.Collections;
using System.Globalization;
using System.Text.Json;

namespace Keel;

/// <summary>Reads a judge's settings strictly: each key read once, a value of the wrong shape or a key no judge of
/// that type reads is an <see cref="ArgumentException"/> naming the type, the key and what was expected.</summary>
/// <remarks>Values may be what a YAML or JSON reader gives: strings (numbers and lists written as text too), numbers,
/// booleans, lists, <see cref="JsonElement"/>.</remarks>
internal sealed class JudgeSettings(string type, IReadOnlyDictionary<string, object?> values)
{
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public string Type => type;

    public string? Text(params string[] keys)
    {
        foreach (var key in keys)
        {
            _read.Add(key);
        }

        var found = keys.Where(k => values.TryGetValue(k, out var v) && v is not null).ToList();
        if (found.Count > 1)
        {
            throw new ArgumentException($"{type}: give one of {string.Join(" or ", found.Select(k => $"'{k}'"))}, not both.", found[1]);
        }

        if (found.Count == 0)
        {
            return null;
        }

        var value = values[found[0]];
        var text = value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } e => e.GetString(),
            _ => throw new ArgumentException($"{type}: setting '{found[0]}' must be text, not {Describe(value)}.", found[0]),
        };
        return string.IsNullOrWhiteSpace(text) ? throw new ArgumentException($"{type}: setting '{found[0]}' is empty.", found[0]) : text;
    }

    public string RequiredText(string what, params string[] keys) =>
        Text(keys) ?? throw new ArgumentException($"{type}: missing setting '{keys[0]}': {what}.", keys[0]);

    public double? Number(string key, double min, double max)
    {
        _read.Add(key);
        if (!values.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        double? number = value switch
        {
            string s when double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            JsonElement { ValueKind: JsonValueKind.Number } e => e.GetDouble(),
            JsonElement { ValueKind: JsonValueKind.String } e when double.TryParse(e.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed) => parsed,
            byte or sbyte or short or ushort or int or uint or long or ulong or float or double or decimal => Convert.ToDouble(value, CultureInfo.InvariantCulture),
            _ => null,
        };
        return number is { } n && n >= min && n <= max && double.IsFinite(n)
            ? n
            : throw new ArgumentException($"{type}: setting '{key}' must be a number from {min.ToString(CultureInfo.InvariantCulture)} to {max.ToString(CultureInfo.InvariantCulture)}, not {Describe(value)}.", key);
    }

    public int? Whole(string key, int min, int max) => Number(key, min, max) is { } number
        ? double.IsInteger(number) ? (int)number : throw new ArgumentException($"{type}: setting '{key}' must be a whole number, not {number.ToString(CultureInfo.InvariantCulture)}.", key)
        : null;

    /// <summary>A list of texts: a list, or one text with an item per line (a leading "- " or "1. " is dropped).</summary>
    public IReadOnlyList<string>? List(string key)
    {
        _read.Add(key);
        if (!values.TryGetValue(key, out var value) || value is null)
        {
            return null;
        }

        IEnumerable<object?> items = value switch
        {
            string s => s.Split('\n').Select(l => (object?)l.Trim().TrimStart('-', '*', ' ').TrimStart("0123456789.) ".ToCharArray()).Trim()),
            JsonElement { ValueKind: JsonValueKind.Array } e => e.EnumerateArray().Select(i => (object?)(i.ValueKind == JsonValueKind.String ? i.GetString() : null)),
            IEnumerable list => list.Cast<object?>(),
            _ => throw new ArgumentException($"{type}: setting '{key}' must be a list of texts, not {Describe(value)}.", key),
        };
        var texts = items.Select(i => i is string text ? text : throw new ArgumentException($"{type}: setting '{key}' must be a list of texts; one item is {Describe(i)}.", key))
            .Where(t => !string.IsNullOrWhiteSpace(t)).ToList();
        return texts.Count > 0 ? texts : throw new ArgumentException($"{type}: setting '{key}' is an empty list.", key);
    }

    /// <summary>Fails on any key with a value that nothing read: a typo (<c>treshold</c>) must not silently fall back to
    /// a default. Keys set to null are ignored, so a caller may pass every key it knows.</summary>
    public void RejectUnread()
    {
        foreach (var (key, value) in values)
        {
            if (value is not null && !_read.Contains(key))
            {
                throw new ArgumentException($"{type}: unknown setting '{key}'; expected: {string.Join(", ", _read.Order(StringComparer.Ordinal))}.", key);
            }
        }
    }

    private static string Describe(object? value) => value switch
    {
        null => "null",
        string s => $"'{s}'",
        JsonElement e => e.GetRawText(),
        IEnumerable => "a list",
        _ => $"{Convert.ToString(value, CultureInfo.InvariantCulture)}",
    };
}
