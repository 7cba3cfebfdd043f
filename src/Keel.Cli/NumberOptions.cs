using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Keel.Cli;

/// <summary>Numeric options read and range-checked at parse time, so a bad value is a usage error (exit 2) that says
/// what was wrong in the option's own words, not System.CommandLine's "expected type 'System.Int32'".</summary>
internal static class NumberOptions
{
    /// <summary>Requires a number from <paramref name="minimum"/> to <paramref name="maximum"/> (no upper bound when null).</summary>
    public static Option<T> InRange<T>(this Option<T> option, T minimum, T? maximum = null)
        where T : struct, INumber<T>
    {
        option.CustomParser = result => Parse(result, option.Name, minimum, maximum) ?? default;
        return option;
    }

    /// <inheritdoc cref="InRange{T}(Option{T}, T, T?)"/>
    public static Option<T?> InRange<T>(this Option<T?> option, T minimum, T? maximum = null)
        where T : struct, INumber<T>
    {
        option.CustomParser = result => Parse(result, option.Name, minimum, maximum);
        return option;
    }

    private static T? Parse<T>(ArgumentResult result, string name, T minimum, T? maximum)
        where T : struct, INumber<T>
    {
        var token = result.Tokens.Count == 0 ? "" : result.Tokens[^1].Value;
        var whole = typeof(T) == typeof(int) || typeof(T) == typeof(long);
        if (!T.TryParse(token, whole ? NumberStyles.Integer : NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || T.IsNaN(value))
        {
            // A whole number too large for the type is out of range, not "not a number".
            result.AddError(whole && decimal.TryParse(token, NumberStyles.Integer, CultureInfo.InvariantCulture, out _)
                ? OutOfRange(token)
                : $"{name}: '{token}' is not {(whole ? "a whole number" : "a number")}.");
            return null;
        }

        if (value < minimum || maximum is { } most && value > most)
        {
            result.AddError(OutOfRange(value.ToString(null, CultureInfo.InvariantCulture)));
            return null;
        }

        return value;

        string OutOfRange(string got) => maximum is { } top
            ? string.Create(CultureInfo.InvariantCulture, $"{name} must be from {minimum} to {top} (got {got}).")
            : string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (got {got}).");
    }
}
