namespace Keel.Tests.Cli;

/// <summary><c>--mode</c>, <c>--source</c>, <c>--type</c> and <c>--tag</c> on the commands that retrieve.</summary>
public sealed class RetrievalCliTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public RetrievalCliTests()
    {
        _directory.File("docs/trash.txt", "Deleted files stay in the trash for 60 days.\n");
        _directory.File("notes/trash.md", "# Trash\n\nThe office trash is emptied on Fridays.\n");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task IngestAndSearch_ByTag_OnlyFindsTaggedDocuments()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--tag", "team=support", "--json")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync(_directory.Path, "ingest", "notes", "--json")).ExitCode);

        var all = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--json");
        var tagged = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--tag", "team=support", "--json");

        Assert.Contains("notes/trash.md", all.Out, StringComparison.Ordinal);
        Assert.Contains("docs/trash.txt", tagged.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("notes/trash.md", tagged.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AskWithDocs_AfterTaggedIngest_KeepsTheTags()
    {
        Assert.Equal(0, (await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--tag", "team=support", "--json")).ExitCode);

        Assert.Equal(0, (await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--docs", "docs", "--json")).ExitCode);
        var again = await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--json");
        var tagged = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--tag", "team=support", "--json");

        Assert.Contains("\"unchanged\": 1", again.Out, StringComparison.Ordinal);
        Assert.Contains("docs/trash.txt", tagged.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_IncludeAfterFullIngest_KeepsTheFilesItLeavesOut()
    {
        _directory.File("docs/faq.md", "# FAQ\n\nPasswords are reset from the sign-in page.\n");
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--json");

        var filtered = await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--include", "*.md", "--json");
        var search = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--json");

        Assert.Contains("\"removed\": 0", filtered.Out, StringComparison.Ordinal);
        Assert.Contains("docs/trash.txt", search.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_TypeAndSourceFilters_Apply()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "notes", "--json");

        var markdown = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--type", "markdown", "--json");
        var underDocs = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--source", "docs/**", "--json");

        Assert.Contains("notes/trash.md", markdown.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("docs/trash.txt", markdown.Out, StringComparison.Ordinal);
        Assert.Contains("docs/trash.txt", underDocs.Out, StringComparison.Ordinal);
        Assert.DoesNotContain("notes/trash.md", underDocs.Out, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_SourceFilterMatchingNoDocument_SaysSoWithAStoredPath()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "notes", "--json");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--source", "*.md");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("No indexed document matches --source '*.md'", run.Console, StringComparison.Ordinal);
        Assert.Contains("docs/trash.txt", run.Console, StringComparison.Ordinal);
        Assert.Contains("'**/*.md'", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("Check the spelling", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_FilterMatchingSomeDocuments_KeepsTheUsualNoMatchesHint()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "notes", "--json");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "zebra", "--source", "**/*.md");

        Assert.Contains("Check the spelling", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("No indexed document matches", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_TagFilterMatchingNoDocument_SaysSo()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--json");

        var run = await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--tag", "team=sales");
        var json = await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--tag", "team=sales", "--json");

        Assert.Contains("Not found in the documents", run.Console, StringComparison.Ordinal);
        Assert.Contains("No indexed document matches --tag team=sales", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("Try other words", run.Console, StringComparison.Ordinal);
        Assert.Contains("No indexed document matches --tag team=sales", json.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("lexical")]
    [InlineData("vector")]
    [InlineData("hybrid")]
    public async Task Search_Mode_IsUsedAndReported(string mode)
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--json");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "How long do deleted files stay in the bin?", "--mode", mode, "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"\"mode\": \"{mode}\"", run.Out, StringComparison.Ordinal);
        Assert.Contains("docs/trash.txt", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--tag", "team", "--tag 'team' is not key=value")]
    [InlineData("--type", "spreadsheet", "spreadsheet")]
    [InlineData("--mode", "semantic", "semantic")]
    public async Task Search_BadOption_IsAUsageError(string option, string value, string expected)
    {
        var run = await CliRunner.RunAsync(_directory.Path, "search", "trash", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_VectorModeWithEmbeddingsOff_SaysHowToFixIt()
    {
        _directory.File("keel.yaml", "embeddings:\n  model: none\n");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--mode", "vector");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("embeddings.model is 'none'", run.Error, StringComparison.Ordinal);
    }
}
