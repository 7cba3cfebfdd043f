namespace Keel.Tests.Rag.Ingest;

/// <summary>Two ingests writing one store at the same time, as two <c>keel ingest</c> processes would.</summary>
public sealed class ConcurrentIngestTests : IDisposable
{
    private readonly KeelFixture _keel = new();

    public void Dispose() => _keel.Dispose();

    [Fact]
    public async Task Ingest_TwoRunsAtOnceOnANewStore_BothSucceedAndIndexEachFileOnce()
    {
        for (var i = 0; i < 20; i++)
        {
            _keel.Directory.File($"docs/file{i:00}.txt", $"Document number {i} mentions token{i} and the shared word zebra.");
        }

        using var other = KeelFixture.Open(_keel.Directory);
        using var bothRead = new Barrier(2);

        // Both runs have read the (empty) index before either commits: the race two processes hit.
        var meet = new CallbackProgress<IngestProgress>(p =>
        {
            if (p.FilesDone == 1)
            {
                bothRead.SignalAndWait(TimeSpan.FromSeconds(30));
            }
        });
        var first = Task.Run(() => _keel.Index.IngestAsync(["docs"], null, meet));
        var second = Task.Run(() => other.Index.IngestAsync(["docs"], null, meet));

        await Task.WhenAll(first, second);

        Assert.Equal(20, (await _keel.Store.GetDocumentsAsync()).Count);
        Assert.Equal(20, (await _keel.Index.SearchAsync("zebra", new SearchOptions { Top = 100, Mode = RetrievalMode.Lexical })).Count);
        Assert.Equal("docs/file07.txt", Assert.Single(await _keel.Index.SearchAsync("token7", new SearchOptions { Mode = RetrievalMode.Lexical })).Source);
        Assert.Equal(20, (await _keel.Index.IngestAsync(["docs"])).Unchanged);
    }

    private sealed class CallbackProgress<T>(Action<T> callback) : IProgress<T>
    {
        public void Report(T value) => callback(value);
    }
}
