using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Numerics;

namespace Keel.Cli;

/// <summary>Range checks for numeric options, made at parse time so a value out of range is a usage error (exit 2).</summary>
internal static class NumberOptions
{
    /// <summary>Requires the value to lie from <paramref name="minimum"/> to <paramref name="maximum"/> (no upper bound when null).</summary>
    public static Option<T> InRange<T>(this Option<T> option, T minimum, T? maximum = null)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result => Check(result, option.Name, minimum, maximum));
        return option;
    }

    /// <inheritdoc cref="InRange{T}(Option{T}, T, T?)"/>
    public static Option<T?> InRange<T>(this Option<T?> option, T minimum, T? maximum = null)
        where T : struct, INumber<T>
    {
        option.Validators.Add(result => Check(result, option.Name, minimum, maximum));
        return option;
    }

    private static void Check<T>(OptionResult result, string name, T minimum, T? maximum)
        where T : struct, INumber<T>
    {
        // The token is read here rather than the value: a token that is not a number has its own "cannot parse" error,
        // and asking System.CommandLine for the value would throw instead.
        if (result.Tokens.Count == 0 || !T.TryParse(result.Tokens[^1].Value, CultureInfo.InvariantCulture, out var value))
        {
            return;
        }

        if (value < minimum || maximum is { } most && value > most)
        {
            result.AddError(maximum is { } top
                ? string.Create(CultureInfo.InvariantCulture, $"{name} must be from {minimum} to {top} (got {value}).")
                : string.Create(CultureInfo.InvariantCulture, $"{name} must be at least {minimum} (got {value})."));
        }
    }
}
