namespace Keel;

/// <summary>Answers questions from the indexed documents, citing every sentence, or abstains.</summary>
/// <remarks>With no model configured (the embedded default) answers are extractive: sentences quoted from the
/// documents. With <c>ask.model</c> set, a model writes the answer from the retrieved passages and must cite them;
/// weak retrieval still abstains without a call, and a model outage falls back to the extractive answer, saying so.
/// Each sentence of a written answer is checked against the passages it cites (<see cref="Answer.Sentences"/>).
/// Get it from <c>services.AddKeel()</c>.</remarks>
public sealed class GroundedAnswerer
{
    /// <summary>What an extractive answer tells its reader about itself.</summary>
    public const string ExtractiveNotice =
        "Extractive answer: the sentences are quoted from your documents; no language model was used. " +
        "For written answers, configure a model and set ask.model in keel.yaml (see docs/models.md).";

    private readonly DocumentIngestor _ingestor;
    private readonly DocumentSearcher _searcher;
    private readonly ExtractiveAnswerer _extractive;
    private readonly AskConfig _config;
    private readonly TimeProvider _timeProvider;
    private readonly ModelCatalog _models;
    private readonly CitationVerifier _verifier;

    internal GroundedAnswerer(DocumentIngestor ingestor, DocumentSearcher searcher, ExtractiveAnswerer extractive, AskConfig config, TimeProvider timeProvider, ModelCatalog models, CitationVerifier verifier)
    {
        _ingestor = ingestor;
        _searcher = searcher;
        _extractive = extractive;
        _config = config;
        _timeProvider = timeProvider;
        _models = models;
        _verifier = verifier;
    }

    /// <summary>Answers <paramref name="question"/> from the index.</summary>
    /// <param name="question">The question, in plain language.</param>
    /// <param name="options">Documents to ingest first, and retrieval depth.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The answer with its citations, or an abstention when the documents do not support one.</returns>
    public async Task<Answer> AskAsync(string question, AskOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(question);
        return (await AskAsync(question, options ?? new AskOptions(), rankingDepth: 0, cancellationToken)).Answer;
    }

    /// <summary>Answers as <see cref="AskAsync(string, AskOptions?, CancellationToken)"/> does, and also returns the ranking
    /// to <paramref name="rankingDepth"/> from the same retrieval (evals score it with MRR and recall@k). The answer
    /// reads only the first top-k chunks, as it would have without the deeper ranking (unless hybrid search reads fewer
    /// than <paramref name="rankingDepth"/> hits per side, <c>search.fusion_depth</c> below it: then the fused top-k may
    /// differ slightly from a plain ask's).</summary>
    internal async Task<(Answer Answer, Retrieval Ranking)> AskAsync(string question, AskOptions options, int rankingDepth, CancellationToken cancellationToken)
    {
        var started = _timeProvider.GetTimestamp();

        var ingestMs = 0.0;
        if (options.Documents.Count > 0)
        {
            await _ingestor.IngestAsync(options.Documents, null, null, cancellationToken);
            ingestMs = _timeProvider.GetElapsedTime(started).TotalMilliseconds;
        }

        var retrieveStarted = _timeProvider.GetTimestamp();
        var top = options.TopK ?? _config.TopK;
        var ranking = await _searcher.RetrieveAsync(question, Math.Max(top, rankingDepth), new SearchOptions { Mode = options.Mode, Filter = options.Filter }, cancellationToken);
        var retrieval = ranking.Chunks.Count > top ? ranking with { Chunks = [.. ranking.Chunks.Take(top)] } : ranking;
        var retrieveMs = _timeProvider.GetElapsedTime(retrieveStarted).TotalMilliseconds;

        var answerStarted = _timeProvider.GetTimestamp();
        var answer = await AnswerAsync(question, retrieval, cancellationToken);
        var answerMs = _timeProvider.GetElapsedTime(answerStarted).TotalMilliseconds;

        return (answer with
        {
            Timings = new AnswerTimings(
                Math.Round(ingestMs, 2),
                Math.Round(retrieveMs, 2),
                Math.Round(answerMs, 2),
                Math.Round(_timeProvider.GetElapsedTime(started).TotalMilliseconds, 2)),
        }, ranking);
    }

    private async Task<Answer> AnswerAsync(string question, Retrieval retrieval, CancellationToken cancellationToken)
    {
        var extractive = await _extractive.AnswerAsync(question, retrieval, cancellationToken);
        var fallback = new Answer
        {
            Text = extractive.Text,
            Abstained = extractive.Abstained,
            Mode = AnswerMode.Extractive,
            Citations = extractive.Citations,
            Sentences = [.. extractive.Citations.Select(c => new AnswerSentence(c.Text.ReplaceLineEndings(" "), [c.N], 1, Supported: true))],
            Notice = ExtractiveNotice,
            Timings = new AnswerTimings(0, 0, 0, 0),
        };
        if (_config.Model is not { } modelName)
        {
            return fallback;
        }

        // Weak retrieval abstains before any model call: a model given poor passages tends to answer anyway.
        if (extractive.Abstained)
        {
            return fallback with { Mode = AnswerMode.Generative, Notice = null };
        }

        GenerativeAnswer generated;
        try
        {
            generated = await GenerativeAnswerer.AnswerAsync(_models.GetChatClient(modelName), question, retrieval.Chunks, cancellationToken);
        }
        catch (ModelCallException ex)
        {
            return fallback with { Notice = $"The model '{modelName}' failed, so this is the extractive answer instead: {ex.Message}" };
        }

        if (generated.Text is null)
        {
            return new Answer
            {
                Text = ExtractiveAnswerer.NotFound,
                Abstained = true,
                Mode = AnswerMode.Generative,
                Citations = [],
                Timings = fallback.Timings,
            };
        }

        return new Answer
        {
            Text = generated.Text,
            Abstained = false,
            Mode = AnswerMode.Generative,
            Citations = generated.Citations,
            Sentences = await _verifier.VerifyAsync(generated.Text, generated.Citations, cancellationToken),
            Notice = generated.InvalidCitations.Count == 0 ? null
                : $"Removed citation marks that point at no retrieved passage: {string.Join(", ", generated.InvalidCitations.Select(n => $"[{n}]"))}.",
            Timings = fallback.Timings,
        };
    }
}
