namespace Keel.Tests.Structured;

/// <summary>How <see cref="DamagedJson"/> writes a value: layout and the kind of damage models do.</summary>
internal sealed record JsonStyle(string Layout)
{
    public string KeyOpen { get; init; } = "\"";

    public string KeyClose { get; init; } = "\"";

    public string StringOpen { get; init; } = "\"";

    public string StringClose { get; init; } = "\"";

    public bool TrailingCommas { get; init; }

    public bool Comments { get; init; }

    public bool Python { get; init; }

    public bool MissingCommas { get; init; }

    public bool RawStrings { get; init; }
}
