namespace Keel;

/// <summary>BM25 constants: <paramref name="K1"/> saturates term frequency, <paramref name="B"/> normalises by length.</summary>
internal sealed record Bm25Parameters(double K1 = 1.2, double B = 0.75);
