using System.Text;

namespace Keel;

/// <summary>Accumulates blocks into one text, keeping the heading path and the span invariants of
/// <see cref="LoadedDocument"/>: blocks are trimmed, non-empty and separated by exactly "\n\n".</summary>
internal sealed class LoadedDocumentBuilder
{
    private readonly StringBuilder _text = new();
    private readonly List<DocumentBlock> _blocks = [];
    private readonly List<(int Level, string Text)> _headings = [];
    private IReadOnlyList<string> _headingPath = [];

    /// <summary>The headings that the next block sits under, outermost first.</summary>
    public IReadOnlyList<string> HeadingPath => _headingPath;

    /// <summary>An empty document: no text, no blocks.</summary>
    public static LoadedDocument Empty { get; } = new(string.Empty, []);

    /// <summary>Starts a section: closes open headings at <paramref name="level"/> or deeper, then adds the
    /// heading as a block whose path ends with itself. Lower levels are outer (0 for a title, 1 for h1).</summary>
    public void AddHeading(int level, string text, int? page = null)
    {
        var heading = BlockText.CollapseWhitespace(text);
        if (heading.Length == 0)
        {
            return;
        }

        while (_headings.Count > 0 && _headings[^1].Level >= level)
        {
            _headings.RemoveAt(_headings.Count - 1);
        }

        _headings.Add((level, heading));
        _headingPath = _headings.Select(h => h.Text).ToArray();
        AddBlock(heading, page);
    }

    /// <summary>Adds a block under the current headings; text that is empty once normalized is skipped.</summary>
    public void AddBlock(string text, int? page = null, string? preamble = null)
    {
        var block = BlockText.Normalize(text);
        if (block.Length == 0)
        {
            return;
        }

        if (_text.Length > 0)
        {
            _text.Append("\n\n");
        }

        var start = _text.Length;
        _text.Append(block);
        _blocks.Add(new DocumentBlock(start, _text.Length, _headingPath, page, preamble));
    }

    /// <summary>The document built so far.</summary>
    public LoadedDocument Build() => _blocks.Count == 0 ? Empty : new LoadedDocument(_text.ToString(), _blocks.ToArray());
}
