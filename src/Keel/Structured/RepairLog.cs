namespace Keel;

/// <summary>
/// The repairs one read of the lenient reader made, kept as small records (rule, path link, key) and written out as
/// <see cref="StructuredDiagnostic"/>s only when read: a 1 MB document in single quotes makes tens of thousands of repairs,
/// and a caller that only wants the value should not pay a path string and a record for each.
/// </summary>
/// <remarks>Each entry still stands for one repair with its own JSON path; nothing is merged. Read-only once the read is done.</remarks>
internal sealed class RepairLog
{
    private const int ChunkSize = 4096;

    private static readonly (StructuredRule Rule, string Message, string? Before, string? After)[] Kinds =
    [
        default,
        (StructuredRule.SingleQuotes, "read a single-quoted string", "'", "\""),
        (StructuredRule.TrailingComma, "removed a trailing comma", ",", null),
        (StructuredRule.TrailingComma, "removed a doubled comma", ",,", ","),
        (StructuredRule.MissingComma, "inserted a missing comma", null, ","),
        (StructuredRule.UnquotedKey, "quoted a bare key", null, null),
    ];

    private readonly List<Entry[]> _entries = [];
    private readonly List<PathNode[]> _paths = [];
    private int _pathCount;
    private StructuredDiagnostic?[]? _diagnostics;
    private string?[]? _pathTexts;

    public enum Kind : byte
    {
        /// <summary>A diagnostic written out when it was made (a rare repair with its own before and after).</summary>
        Written,
        SingleQuotes,
        TrailingComma,
        DoubledComma,
        MissingComma,
        UnquotedKey,
    }

    public int Count { get; private set; }

    /// <summary>Adds a path step below <paramref name="parent"/> (-1 for <c>$</c>): a key, or an index when <paramref name="key"/> is null.</summary>
    public int AddPath(int parent, string? key, int index)
    {
        var i = _pathCount++;
        if (i % ChunkSize == 0)
        {
            _paths.Add(new PathNode[ChunkSize]);
        }

        _paths[i / ChunkSize][i % ChunkSize] = new PathNode(parent, index, key);
        return i;
    }

    /// <summary>Adds a repair of a known kind at <paramref name="path"/>; <paramref name="key"/> is the bare key for <see cref="Kind.UnquotedKey"/>.</summary>
    public void Add(Kind kind, int path, BareKey? key = null) => Append(new Entry(path, kind, key));

    public void Add(StructuredDiagnostic diagnostic) => Append(new Entry(-1, Kind.Written, diagnostic));

    public StructuredRule RuleAt(int index) =>
        EntryAt(index) is var entry && entry.Kind == Kind.Written ? ((StructuredDiagnostic)entry.Data!).Rule : Kinds[(int)entry.Kind].Rule;

    public StructuredDiagnostic this[int index]
    {
        get
        {
            _diagnostics ??= new StructuredDiagnostic?[Count];
            return _diagnostics[index] ??= Materialise(EntryAt(index));
        }
    }

    private void Append(Entry entry)
    {
        if (Count % ChunkSize == 0)
        {
            _entries.Add(new Entry[ChunkSize]);
        }

        _entries[Count / ChunkSize][Count % ChunkSize] = entry;
        Count++;
    }

    private Entry EntryAt(int index) => _entries[index / ChunkSize][index % ChunkSize];

    private StructuredDiagnostic Materialise(Entry entry)
    {
        if (entry.Kind == Kind.Written)
        {
            return (StructuredDiagnostic)entry.Data!;
        }

        var (rule, message, before, after) = Kinds[(int)entry.Kind];
        if (entry.Kind == Kind.UnquotedKey)
        {
            var key = (BareKey)entry.Data!;
            (before, after) = (key.Key, key.Quoted);
        }

        return new StructuredDiagnostic(PathText(entry.Path), rule, message, before, after);
    }

    private string PathText(int node)
    {
        if (node < 0)
        {
            return "$";
        }

        _pathTexts ??= new string?[_pathCount];
        if (_pathTexts[node] is { } known)
        {
            return known;
        }

        // Written from the parent's text, which is kept too: the repairs of one item share its path's prefix.
        var step = _paths[node / ChunkSize][node % ChunkSize];
        var parent = PathText(step.Parent);
        return _pathTexts[node] = step.Key is null ? LenientJsonReader.ItemPath(parent, step.Index) : LenientJsonReader.ChildPath(parent, step.Key);
    }

    /// <summary>A key written without quotes and how it reads quoted; one per distinct key of a read.</summary>
    public sealed record BareKey(string Key, string Quoted);

    private readonly record struct Entry(int Path, Kind Kind, object? Data);

    private readonly record struct PathNode(int Parent, int Index, string? Key);
}
