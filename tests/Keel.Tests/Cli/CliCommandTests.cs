using System.Text.Json;

namespace Keel.Tests.Cli;

public sealed class CliCommandTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public CliCommandTests()
    {
        _directory.File("docs/trash.md", "# Trash\n\nDeleted files stay in the trash for 60 days.\n");
        _directory.File("docs/billing.txt", "Refunds are available within 30 days of purchase.");
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Ask_Json_HasTheDocumentedShape()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--docs", "docs", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var root = json.RootElement;
        Assert.StartsWith("Deleted files stay in the trash for 60 days. [1]", root.GetProperty("answer").GetString(), StringComparison.Ordinal);
        Assert.False(root.GetProperty("abstained").GetBoolean());
        Assert.Equal("extractive", root.GetProperty("mode").GetString());
        var citation = root.GetProperty("citations")[0];
        Assert.Equal(1, citation.GetProperty("n").GetInt32());
        Assert.Equal("docs/trash.md", citation.GetProperty("source").GetString());
        Assert.Equal(JsonValueKind.Null, citation.GetProperty("page").ValueKind);
        Assert.Equal("Trash", citation.GetProperty("heading").GetString());
        Assert.True(citation.GetProperty("end").GetInt32() > citation.GetProperty("start").GetInt32());
        Assert.Equal("Deleted files stay in the trash for 60 days.", citation.GetProperty("text").GetString());
        Assert.True(citation.GetProperty("score").GetDouble() > 0);
        Assert.True(root.GetProperty("timings").GetProperty("total_ms").GetDouble() > 0);
    }

    [Fact]
    public async Task Ask_Terminal_ShowsAnswerSourcesAndTheExtractiveNotice()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "ask", "How long do deleted files stay in the trash?", "--docs", "docs");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Deleted files stay in the trash for 60 days. [1]", run.Console, StringComparison.Ordinal);
        Assert.Contains("Sources", run.Console, StringComparison.Ordinal);
        Assert.Contains("[1] docs/trash.md › Trash", run.Console, StringComparison.Ordinal);
        Assert.Contains("Extractive answer", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_Unanswerable_SaysNotFound()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "ask", "Who painted the Mona Lisa?", "--docs", "docs");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Not found in the documents", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_Json_PrintsSummary()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "ingest", "docs", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal(2, json.RootElement.GetProperty("added").GetInt32());
        Assert.Equal(0, json.RootElement.GetProperty("skipped").GetArrayLength());
    }

    [Fact]
    public async Task Ingest_Terminal_PrintsTable()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "ingest", "docs");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("unchanged", run.Console, StringComparison.Ordinal);
        Assert.Contains("chunks written", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_SkippedFile_ExitsWithThreeAndNamesIt()
    {
        _directory.File("docs/broken.pdf", "%PDF-1.4\ngarbage");

        var run = await CliRunner.RunAsync(_directory.Path, "ingest", "docs");

        Assert.Equal(3, run.ExitCode);
        Assert.Contains("skipped docs/broken.pdf:", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ingest_MissingPath_ExitsWithOneAndSaysSo()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "ingest", "missing-folder");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: missing-folder: no such file or folder", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Json_ReturnsRankedHits()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "refunds purchase", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        var hit = json.RootElement.GetProperty("hits")[0];
        Assert.Equal("docs/billing.txt", hit.GetProperty("source").GetString());
        Assert.Equal(1, hit.GetProperty("rank").GetInt32());
        Assert.Contains("Refunds", hit.GetProperty("snippet").GetString(), StringComparison.Ordinal);
        Assert.Equal(2, hit.GetProperty("highlights").GetArrayLength());
    }

    [Fact]
    public async Task Search_Terminal_ShowsTable()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "trash");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("docs/trash.md", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_NoMatches_SaysSo()
    {
        await CliRunner.RunAsync(_directory.Path, "ingest", "docs");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "xylophone");

        Assert.Contains("No matches", run.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_MalformedConfig_ExitsWithOneAndNamesLine()
    {
        _directory.File("keel.yaml", "search:\n  k1: fast\n");

        var run = await CliRunner.RunAsync(_directory.Path, "search", "trash");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: keel.yaml:2:7: search.k1: expected a number, got 'fast'", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("search")]
    [InlineData("ask")]
    public async Task RankingCommand_TopBelowOne_IsAUsageError(string command)
    {
        var run = await CliRunner.RunAsync(_directory.Path, command, "trash", "--top", "0");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--top must be at least 1 (got 0).", run.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--top: 'abc' is not a whole number.", "search", "trash", "--top", "abc")]
    [InlineData("'abc'", "ask", "trash", "-k", "abc")]
    [InlineData("--limit must be at least 1 (got 0)", "traces", "list", "-n", "0")]
    [InlineData("--days must be at least 1 (got -5)", "traces", "stats", "--days", "-5")]
    [InlineData("--reasks must be at least 0 (got -1)", "extract", "--schema", "s.json", "--reasks", "-1")]
    [InlineData("--port must be from 0 to 65535 (got 70000)", "sim", "--port", "70000")]
    [InlineData("--fault-rate must be from 0 to 1 (got 1.5)", "sim", "--fault-rate", "1.5")]
    [InlineData("--fault-rate: 'lots' is not a number.", "sim", "--fault-rate", "lots")]
    [InlineData("--fault-rate: 'NaN' is not a number.", "sim", "--fault-rate", "NaN")]
    [InlineData("--limit must be at least 1 (got 2147483648).", "traces", "list", "-n", "2147483648")]
    public async Task NumberOption_NotANumberOrOutOfRange_IsAUsageErrorBeforeAnythingRuns(string expected, params string[] args)
    {
        var run = await CliRunner.RunAsync(_directory.Path, args);

        Assert.Equal(2, run.ExitCode);
        Assert.Contains(expected, run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_EmptyIndex_SaysHowToIngestWithoutSuggestingOtherWords()
    {
        using var empty = new TempDirectory();

        var run = await CliRunner.RunAsync(empty.Path, "ask", "How long are deleted files kept?");

        Assert.Contains("the index is empty", run.Console, StringComparison.Ordinal);
        Assert.DoesNotContain("Try other words", run.Console, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(null, 1)]
    [InlineData("40", 3)]
    public async Task Process_OutputToAPipe_IsNotWrappedAt80ColumnsUnlessColumnsSaysSo(string? columns, int lines)
    {
        using var empty = new TempDirectory();
        var start = new System.Diagnostics.ProcessStartInfo("dotnet") { WorkingDirectory = empty.Path, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(typeof(Keel.Cli.KeelCli).Assembly.Location);
        foreach (var arg in new[] { "ask", "anything", "--mode", "lexical" })
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment.Remove("COLUMNS");
        if (columns is not null)
        {
            start.Environment["COLUMNS"] = columns;
        }

        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);

        // "Not found: the index is empty. Ingest documents first with 'keel ingest PATH', or ask with '--docs PATH'." is 106 characters.
        Assert.Equal(lines, output.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task Ingest_EmbeddingModelUnreachable_SaysSoAndIsNotABugInKeel()
    {
        var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var closedPort = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        _directory.File("keel.yaml", $"models:\n  emb:\n    provider: openai-compatible\n    model: text-embedding-3-small\n    base_url: http://127.0.0.1:{closedPort}/v1\nembeddings:\n  model: emb\n");

        var run = await CliRunner.RunAsync(_directory.Path, "ingest", "docs");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("emb (openai-compatible): could not reach the provider; check base_url", run.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnyCommand_UnknownOption_ExitsWithTwo()
    {
        var run = await CliRunner.RunAsync(_directory.Path, "search", "trash", "--frobnicate");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--frobnicate", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_ExplicitConfig_IsUsed()
    {
        _directory.File("conf/other.yaml", "store:\n  path: .keel/other.db\n");

        var run = await CliRunner.RunAsync(_directory.Path, "--config", "conf/other.yaml", "ingest", "docs", "--json");

        Assert.Equal(0, run.ExitCode);
        Assert.True(File.Exists(Path.Combine(_directory.Path, ".keel", "other.db")));
    }

    [Fact]
    public void HighlightCitations_EscapesTextAndMarksNumbers() =>
        Assert.Equal("a [[b]] [bold blue][[1]][/]", Keel.Cli.AskCommand.HighlightCitations("a [b] [1]"));
}
