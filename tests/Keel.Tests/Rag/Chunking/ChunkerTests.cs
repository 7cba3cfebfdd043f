namespace Keel.Tests.Rag.Chunking;

public sealed class ChunkerTests
{
    private static LoadedDocument Document(params (string Text, string[] Headings, int? Page, string? Preamble)[] blocks)
    {
        var text = new System.Text.StringBuilder();
        var list = new List<DocumentBlock>();
        foreach (var (blockText, headings, page, preamble) in blocks)
        {
            if (text.Length > 0)
            {
                text.Append("\n\n");
            }

            list.Add(new DocumentBlock(text.Length, text.Length + blockText.Length, headings, page, preamble));
            text.Append(blockText);
        }

        return new LoadedDocument(text.ToString(), list);
    }

    private static string Sentences(int count, string word = "alpha") =>
        string.Join(' ', Enumerable.Range(0, count).Select(i => $"Sentence {i} talks about {word} number {i}."));

    [Fact]
    public void Chunk_LongSection_StaysWithinTokenBudget()
    {
        var document = Document((Sentences(200), ["Guide"], null, null));

        var chunks = new Chunker(new ChunkerOptions(MaxTokens: 64, OverlapTokens: 0)).Chunk(document);

        Assert.True(chunks.Count > 5);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 64));
    }

    [Fact]
    public void Chunk_EveryChunk_IsASpanOfTheDocumentText()
    {
        var document = Document(("Intro text here.", ["A"], null, null), (Sentences(60), ["A", "B"], null, null));

        var chunks = new Chunker(new ChunkerOptions(MaxTokens: 48, OverlapTokens: 12)).Chunk(document);

        Assert.All(chunks, c => Assert.Equal(document.Text[c.Start..c.End], c.Text));
        Assert.Equal(Enumerable.Range(0, chunks.Count), chunks.Select(c => c.Ordinal));
    }

    [Fact]
    public void Chunk_DifferentHeadings_NeverShareAChunk()
    {
        var document = Document(("Install the app.", ["Setup"], null, null), ("Pay by card.", ["Billing"], null, null));

        var chunks = new Chunker(new ChunkerOptions()).Chunk(document);

        Assert.Equal(2, chunks.Count);
        Assert.Equal(["Setup"], chunks[0].HeadingPath);
        Assert.Equal(["Billing"], chunks[1].HeadingPath);
    }

    [Fact]
    public void Chunk_SameHeading_PacksBlocksTogether()
    {
        var document = Document(("First paragraph.", ["Setup"], null, null), ("Second paragraph.", ["Setup"], null, null));

        var chunk = Assert.Single(new Chunker(new ChunkerOptions()).Chunk(document));

        Assert.Equal("First paragraph.\n\nSecond paragraph.", chunk.Text);
    }

    [Fact]
    public void Chunk_Pages_AreNotMixed()
    {
        var document = Document(("Page one text.", [], 1, null), ("Page two text.", [], 2, null));

        var chunks = new Chunker(new ChunkerOptions()).Chunk(document);

        Assert.Equal([1, 2], chunks.Select(c => c.Page!.Value));
    }

    [Fact]
    public void Chunk_WithOverlap_NextChunkRepeatsTrailingSentences()
    {
        var document = Document((Sentences(40), ["A"], null, null));

        var chunks = new Chunker(new ChunkerOptions(MaxTokens: 60, OverlapTokens: 20)).Chunk(document);

        Assert.True(chunks.Count > 2);
        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start < chunks[i - 1].End, $"chunk {i} should overlap the previous one");
            Assert.True(chunks[i].Start > chunks[i - 1].Start, $"chunk {i} should make progress");
        }
    }

    [Fact]
    public void Chunk_WithoutOverlap_ChunksDoNotOverlap()
    {
        var document = Document((Sentences(40), ["A"], null, null));

        var chunks = new Chunker(new ChunkerOptions(MaxTokens: 60, OverlapTokens: 0)).Chunk(document);

        for (var i = 1; i < chunks.Count; i++)
        {
            Assert.True(chunks[i].Start >= chunks[i - 1].End);
        }
    }

    [Fact]
    public void Chunk_Preamble_IsKeptOnEveryChunkAndCounted()
    {
        var rows = Enumerable.Range(0, 40).Select(i => ($"E{i:0000}, Sync failed, Disk full, Free space number {i}", Array.Empty<string>(), (int?)null, (string?)"code, name, cause, fix")).ToArray();

        var chunks = new Chunker(new ChunkerOptions(MaxTokens: 80, OverlapTokens: 0)).Chunk(Document(rows));

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.Equal("code, name, cause, fix", c.Preamble));
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 80));
    }

    [Fact]
    public void Chunk_SentenceLongerThanChunk_IsCutAtWordBoundaries()
    {
        var words = string.Join(' ', Enumerable.Range(0, 300).Select(i => $"word{i}"));
        var document = Document((words, [], null, null));

        var chunks = new Chunker(new ChunkerOptions(MaxTokens: 50, OverlapTokens: 0)).Chunk(document);

        Assert.True(chunks.Count > 3);
        Assert.All(chunks, c => Assert.InRange(c.TokenCount, 1, 50));
        Assert.All(chunks, c => Assert.StartsWith("word", c.Text, StringComparison.Ordinal));
        Assert.Equal(words.Split(' '), chunks.SelectMany(c => c.Text.Split(' ')));
    }

    [Fact]
    public void Chunk_EmptyDocument_ReturnsNoChunks() =>
        Assert.Empty(new Chunker(new ChunkerOptions()).Chunk(new LoadedDocument("", [])));

    [Theory]
    [InlineData(4, 0)]
    [InlineData(64, 64)]
    [InlineData(64, -1)]
    public void Constructor_BadOptions_Throws(int maxTokens, int overlap) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new Chunker(new ChunkerOptions(maxTokens, overlap)));
}
