namespace Keel;

/// <summary>A JSON path (<c>$.items[2].name</c>) written out only when a diagnostic needs it, so a value that fits costs no strings.</summary>
internal sealed class CoercionPath
{
    private readonly CoercionPath? _parent;
    private readonly string? _key;
    private readonly int _index;
    private string? _text;

    private CoercionPath(CoercionPath? parent, string? key, int index, string? text)
    {
        _parent = parent;
        _key = key;
        _index = index;
        _text = text;
    }

    public static implicit operator CoercionPath(string text) => new(null, null, 0, text);

    public static implicit operator string(CoercionPath path) => path.ToString();

    public CoercionPath Child(string key) => new(this, key, 0, null);

    public CoercionPath Item(int index) => new(this, null, index, null);

    public override string ToString() => _text ??= _key is null
        ? LenientJsonReader.ItemPath(_parent!.ToString(), _index)
        : LenientJsonReader.ChildPath(_parent!.ToString(), _key);
}
