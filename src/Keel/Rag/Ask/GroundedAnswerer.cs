namespace Keel;

/// <summary>Answers questions from the indexed documents, citing every sentence, or abstains.</summary>
/// <remarks>With no model configured (the embedded default) answers are extractive: sentences quoted from the
/// documents. Get it from <c>services.AddKeel()</c>.</remarks>
public sealed class GroundedAnswerer
{
    /// <summary>What an extractive answer tells its reader about itself.</summary>
    public const string ExtractiveNotice =
        "Extractive answer: the sentences are quoted from your documents; no language model was used. " +
        "Written (generative) answers need a model, which this version of Keel cannot connect yet (see docs/configuration.md).";

    private readonly DocumentIngestor _ingestor;
    private readonly DocumentSearcher _searcher;
    private readonly ExtractiveAnswerer _extractive;
    private readonly AskConfig _config;
    private readonly TimeProvider _timeProvider;

    internal GroundedAnswerer(DocumentIngestor ingestor, DocumentSearcher searcher, ExtractiveAnswerer extractive, AskConfig config, TimeProvider timeProvider)
    {
        _ingestor = ingestor;
        _searcher = searcher;
        _extractive = extractive;
        _config = config;
        _timeProvider = timeProvider;
    }

    /// <summary>Answers <paramref name="question"/> from the index.</summary>
    /// <param name="question">The question, in plain language.</param>
    /// <param name="options">Documents to ingest first, and retrieval depth.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The answer with its citations, or an abstention when the documents do not support one.</returns>
    public async Task<Answer> AskAsync(string question, AskOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        options ??= new AskOptions();
        var started = _timeProvider.GetTimestamp();

        var ingestMs = 0.0;
        if (options.Documents.Count > 0)
        {
            await _ingestor.IngestAsync(options.Documents, null, null, cancellationToken);
            ingestMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        }

        var retrieveStarted = _timeProvider.GetTimestamp();
        var retrieval = await _searcher.RetrieveAsync(question, options.TopK ?? _config.TopK, cancellationToken);
        var retrieveMs = _timeProvider.GetElapsedTime(retrieveStarted).TotalMilliseconds;

        var answerStarted = _timeProvider.GetTimestamp();
        var answer = _extractive.Answer(question, retrieval);
        var answerMs = _timeProvider.GetElapsedTime(answerStarted).TotalMilliseconds;

        return new Answer
        {
            Text = answer.Text,
            Abstained = answer.Abstained,
            Mode = AnswerMode.Extractive,
            Citations = answer.Citations,
            Notice = ExtractiveNotice,
            Timings = new AnswerTimings(
                Math.Round(ingestMs, 2),
                Math.Round(retrieveMs, 2),
                Math.Round(answerMs, 2),
                Math.Round(_timeProvider.GetElapsedTime(started).TotalMilliseconds, 2)),
        };
    }
}
