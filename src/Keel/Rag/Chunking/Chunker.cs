using Microsoft.ML.Tokenizers;

namespace Keel;

/// <summary>Cuts a loaded document into token-sized chunks that never cross a heading, page or preamble change.</summary>
/// <remarks>Blocks of one section (same heading path, page and preamble) are packed greedily, sentence by sentence,
/// up to <see cref="ChunkerOptions.MaxTokens"/>; the next chunk of the same section starts with the trailing
/// sentences of the previous one, up to <see cref="ChunkerOptions.OverlapTokens"/>. A sentence longer than a whole
/// chunk is cut at word boundaries. Every chunk is one contiguous span of the document text.</remarks>
internal sealed class Chunker
{
    private static readonly Lazy<Tokenizer> DefaultTokenizer = new(() => TiktokenTokenizer.CreateForEncoding("cl100k_base"));

    private readonly Tokenizer _tokenizer;
    private readonly ChunkerOptions _options;

    public Chunker(ChunkerOptions options, Tokenizer? tokenizer = null)
    {
        options.Validate();
        _options = options;
        _tokenizer = tokenizer ?? DefaultTokenizer.Value;
    }

    /// <summary>Changes whenever the same document would be cut differently, so ingest knows to redo it.</summary>
    public string Fingerprint => $"v1/{_options.MaxTokens}/{_options.OverlapTokens}";

    public IReadOnlyList<Chunk> Chunk(LoadedDocument document)
    {
        var chunks = new List<Chunk>();
        var blocks = document.Blocks;
        var i = 0;
        while (i < blocks.Count)
        {
            var sectionEnd = i + 1;
            while (sectionEnd < blocks.Count && SameSection(blocks[i], blocks[sectionEnd]))
            {
                sectionEnd++;
            }

            ChunkSection(document.Text, blocks, i, sectionEnd, chunks);
            i = sectionEnd;
        }

        return chunks;
    }

    private void ChunkSection(string text, IReadOnlyList<DocumentBlock> blocks, int from, int to, List<Chunk> chunks)
    {
        var first = blocks[from];
        var preambleTokens = first.Preamble is null ? 0 : _tokenizer.CountTokens(first.Preamble) + 1;
        var budget = Math.Max(8, _options.MaxTokens - preambleTokens);

        var units = new List<(int Start, int End, int Tokens)>();
        for (var b = from; b < to; b++)
        {
            foreach (var sentence in SentenceSplitter.Split(text, blocks[b].Start, blocks[b].End))
            {
                AddUnit(text, sentence.Start.Value, sentence.End.Value, budget, units);
            }
        }

        var u = 0;
        while (u < units.Count)
        {
            var tokens = 0;
            var last = u;
            while (last < units.Count && (last == u || tokens + units[last].Tokens <= budget))
            {
                tokens += units[last].Tokens;
                last++;
            }

            var start = units[u].Start;
            var end = units[last - 1].End;
            chunks.Add(new Chunk(chunks.Count, start, end, text[start..end], first.HeadingPath, first.Page, first.Preamble, tokens + preambleTokens));
            if (last >= units.Count)
            {
                break;
            }

            // Step back over trailing units that fit in the overlap, but always make progress.
            var next = last;
            var overlap = 0;
            while (next - 1 > u && overlap + units[next - 1].Tokens <= _options.OverlapTokens)
            {
                overlap += units[next - 1].Tokens;
                next--;
            }

            u = next;
        }
    }

    private void AddUnit(string text, int start, int end, int budget, List<(int Start, int End, int Tokens)> units)
    {
        var tokens = _tokenizer.CountTokens(text.AsSpan(start, end - start));
        if (tokens <= budget)
        {
            units.Add((start, end, tokens));
            return;
        }

        // A sentence longer than a chunk: cut it at the last word boundary within the budget.
        var pieceStart = start;
        while (pieceStart < end)
        {
            var index = _tokenizer.GetIndexByTokenCount(text.AsSpan(pieceStart, end - pieceStart), budget, out _, out _);
            var pieceEnd = pieceStart + Math.Max(1, index);
            if (pieceEnd < end)
            {
                var space = text.LastIndexOf(' ', pieceEnd - 1, pieceEnd - pieceStart);
                if (space > pieceStart)
                {
                    pieceEnd = space;
                }
            }

            units.Add((pieceStart, pieceEnd, _tokenizer.CountTokens(text.AsSpan(pieceStart, pieceEnd - pieceStart))));
            pieceStart = pieceEnd;
            while (pieceStart < end && char.IsWhiteSpace(text[pieceStart]))
            {
                pieceStart++;
            }

        }
    }

    private static bool SameSection(DocumentBlock a, DocumentBlock b) =>
        a.Page == b.Page && a.Preamble == b.Preamble && a.HeadingPath.SequenceEqual(b.HeadingPath, StringComparer.Ordinal);
}
