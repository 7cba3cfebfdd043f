namespace Keel;

/// <summary>Builds the BM25 postings of a batch of chunks, numbered locally in the order they are added.</summary>
internal sealed class Bm25SegmentBuilder
{
    private readonly Dictionary<string, TermPostings> _terms = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _frequencies = new(StringComparer.Ordinal);
    private readonly List<int> _lengths = [];

    public int Count => _lengths.Count;

    /// <summary>Adds the next chunk, given its analysed terms (with repeats).</summary>
    public void Add(IReadOnlyList<string> terms)
    {
        var local = _lengths.Count;
        _lengths.Add(terms.Count);
        _frequencies.Clear();
        foreach (var term in terms)
        {
            _frequencies[term] = _frequencies.GetValueOrDefault(term) + 1;
        }

        foreach (var (term, frequency) in _frequencies)
        {
            if (!_terms.TryGetValue(term, out var postings))
            {
                postings = new TermPostings();
                _terms[term] = postings;
            }

            Bm25Postings.Write(postings.Bytes, local - postings.LastLocal, frequency);
            postings.LastLocal = local;
        }
    }

    public Bm25SegmentData Build()
    {
        var postings = new Dictionary<string, byte[]>(_terms.Count, StringComparer.Ordinal);
        foreach (var (term, termPostings) in _terms)
        {
            postings[term] = [.. termPostings.Bytes];
        }

        return new Bm25SegmentData(postings, [.. _lengths]);
    }

    private sealed class TermPostings
    {
        public List<byte> Bytes { get; } = new(8);

        public int LastLocal { get; set; }
    }
}
