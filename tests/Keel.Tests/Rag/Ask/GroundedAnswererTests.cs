namespace Keel.Tests.Rag.Ask;

public sealed class GroundedAnswererTests : IDisposable
{
    private readonly KeelFixture _keel = new();

    public GroundedAnswererTests() => SmallKnowledgeBase.Write(_keel.Directory);

    public void Dispose() => _keel.Dispose();

    [Fact]
    public async Task Ask_AnswerableQuestion_QuotesTheSentenceWithACitation()
    {
        var answer = await _keel.Answerer.AskAsync("How long do deleted files stay in the trash?", new AskOptions { Documents = ["kb"] });

        Assert.False(answer.Abstained);
        Assert.Equal(AnswerMode.Extractive, answer.Mode);
        var first = answer.Citations[0];
        Assert.Equal(1, first.N);
        Assert.Equal("kb/trash.md", first.Source);
        Assert.Equal("Deleted files stay in the trash for 60 days.", first.Text);
        Assert.Equal("Trash and recovery › Retention", first.Heading);
        Assert.StartsWith("Deleted files stay in the trash for 60 days. [1]", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Extractive answer", answer.Notice, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_HeadingThatRepeatsTheQuestion_IsNotQuotedAsTheAnswer()
    {
        _keel.Directory.File("kb/api.html", """
            <html><body><h1>REST API</h1>
            <h2>Rate limits</h2>
            <p>The API allows 600 requests per minute for each access token. Uploads have a separate limit of 60 upload requests per minute.</p>
            <h2>Pagination</h2>
            <p>List endpoints use cursor-based pagination.</p>
            </body></html>
            """);

        var answer = await _keel.Answerer.AskAsync("What is the API rate limit?", new AskOptions { Documents = ["kb"] });

        Assert.False(answer.Abstained);
        Assert.DoesNotContain(answer.Citations, c => c.Text.Trim() == "Rate limits");
        Assert.StartsWith("The API allows 600 requests per minute for each access token. [1]", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_CitationSpans_PointAtTheSourceText()
    {
        var answer = await _keel.Answerer.AskAsync("When are refunds available?", new AskOptions { Documents = ["kb"] });

        var citation = answer.Citations[0];
        var loaded = new PlainTextLoader().Load(File.OpenRead(Path.Combine(_keel.Directory.Path, "kb/billing.txt")), "kb/billing.txt");
        Assert.Equal(citation.Text, loaded.Text[citation.Start..citation.End]);
        Assert.Contains("30 days", citation.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EverySentenceOfTheAnswer_IsACitedSourceSpan()
    {
        var answer = await _keel.Answerer.AskAsync("What encryption protects data at rest and in transit?", new AskOptions { Documents = ["kb"] });

        Assert.False(answer.Abstained);
        var rebuilt = string.Join(' ', answer.Citations.Select(c => $"{c.Text} [{c.N}]"));
        Assert.Equal(rebuilt, answer.Text);
    }

    [Theory]
    [InlineData("How do I bake sourdough bread?")]
    [InlineData("What is the capital of Australia?")]
    public async Task Ask_UnrelatedQuestion_Abstains(string question)
    {
        var answer = await _keel.Answerer.AskAsync(question, new AskOptions { Documents = ["kb"] });

        Assert.True(answer.Abstained);
        Assert.Empty(answer.Citations);
        Assert.StartsWith("Not found in the documents", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EmptyIndex_AbstainsAndSaysHowToIngest()
    {
        var answer = await _keel.Answerer.AskAsync("How long do deleted files stay in the trash?");

        Assert.True(answer.Abstained);
        Assert.Contains("index is empty", answer.Text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Timings_AreFilledIn()
    {
        var answer = await _keel.Answerer.AskAsync("When are invoices emailed?", new AskOptions { Documents = ["kb"] });

        Assert.True(answer.Timings.IngestMs > 0);
        Assert.True(answer.Timings.TotalMs >= answer.Timings.RetrieveMs);
    }
}
