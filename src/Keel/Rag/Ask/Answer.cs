namespace Keel;

/// <summary>A grounded answer: text whose every sentence carries a numbered citation, or an abstention.</summary>
public sealed record Answer
{
    /// <summary>The answer, with <c>[n]</c> after each cited sentence; when <see cref="Abstained"/>, a sentence saying
    /// the documents do not answer the question.</summary>
    public required string Text { get; init; }

    /// <summary>True when the documents did not support an answer.</summary>
    public required bool Abstained { get; init; }

    /// <summary>How the answer was made.</summary>
    public required AnswerMode Mode { get; init; }

    /// <summary>The passages cited as <c>[n]</c>, in order of <see cref="Citation.N"/>.</summary>
    public required IReadOnlyList<Citation> Citations { get; init; }

    /// <summary>Each sentence of the answer with its support score against the passages it cites, in order.</summary>
    /// <remarks>Extractive sentences are quotes of the passage they cite, so they score 1. A generative sentence
    /// whose citations do not support it has <see cref="AnswerSentence.Supported"/> false: treat it as a possible
    /// hallucination.</remarks>
    public IReadOnlyList<AnswerSentence> Sentences { get; init; } = [];

    /// <summary>A note for the reader, e.g. that the answer is extractive and how to connect a model.</summary>
    public string? Notice { get; init; }

    /// <summary>Where the time went.</summary>
    public required AnswerTimings Timings { get; init; }
}

/// <summary>How an answer was made.</summary>
public enum AnswerMode
{
    /// <summary>Sentences quoted from the documents; no model was used.</summary>
    Extractive,

    /// <summary>Written by a language model from the retrieved passages.</summary>
    Generative,
}

/// <summary>A cited passage.</summary>
/// <param name="N">The number used as <c>[n]</c> in the answer text.</param>
/// <param name="Source">The document's path (relative to the working directory when inside it).</param>
/// <param name="Page">1-based page for paged formats, otherwise null.</param>
/// <param name="Heading">The heading path of the passage, or null.</param>
/// <param name="Start">Offset of the passage in the document's extracted text.</param>
/// <param name="End">Offset one past its end.</param>
/// <param name="Text">The passage as it appears in the document.</param>
/// <param name="Score">From 0 to 1: in extractive answers, how well the cited sentence answers the question (the share
/// of the question's words it holds, mixed with its similarity in meaning when embeddings are on);
/// in generative answers, the passage's retrieval score relative to the best retrieved passage.</param>
public sealed record Citation(int N, string Source, int? Page, string? Heading, int Start, int End, string Text, double Score);

/// <summary>One sentence of an answer, checked against the passages it cites.</summary>
/// <param name="Text">The sentence, without its citation marks.</param>
/// <param name="Citations">The <see cref="Citation.N"/> numbers it cites; empty when it cites none.</param>
/// <param name="SupportScore">From 0 to 1: how much of the sentence its cited passages hold, by words and (with
/// embeddings on) by meaning.</param>
/// <param name="Supported">False when its citations do not support it: the score is under
/// <c>ask.min_citation_support</c>, a number in it appears in none of the cited passages, or it cites nothing.</param>
public sealed record AnswerSentence(string Text, IReadOnlyList<int> Citations, double SupportScore, bool Supported);

/// <summary>Milliseconds spent in each step.</summary>
/// <param name="IngestMs">Ingesting <c>--docs</c> first; 0 when not asked.</param>
/// <param name="RetrieveMs">Finding the passages.</param>
/// <param name="AnswerMs">Choosing sentences or calling the model.</param>
/// <param name="TotalMs">Everything.</param>
public sealed record AnswerTimings(double IngestMs, double RetrieveMs, double AnswerMs, double TotalMs);
