using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>Builds the model-graded assertions by their type name in a suite: <c>rubric</c>, <c>g-eval</c>,
/// <c>faithfulness</c>, <c>answer-relevance</c>, <c>context-precision</c>, <c>context-recall</c>.</summary>
internal static class JudgeAssertions
{
    public static readonly IReadOnlyList<string> Types = ["rubric", "g-eval", "faithfulness", "answer-relevance", "context-precision", "context-recall"];

    /// <summary>The default pass threshold of each type (rubric has none: the judge's pass decides unless one is set).</summary>
    public static double? DefaultThreshold(string type) => type switch
    {
        "rubric" => null,
        "g-eval" => 0.5,
        "faithfulness" => 0.8,
        "answer-relevance" => 0.7,
        "context-precision" => 0.5,
        "context-recall" => 0.7,
        _ => throw new ArgumentException($"unknown judge type '{type}'; expected one of {string.Join(", ", Types)}.", nameof(type)),
    };

    /// <summary>Builds one assertion.</summary>
    /// <param name="type">One of <see cref="Types"/>.</param>
    /// <param name="settings">Its settings: <c>rubric</c> (or <c>value</c>) for rubric; <c>criteria</c> (or <c>value</c>)
    /// and optional <c>steps</c> for g-eval; and for every type <c>threshold</c> (0–1), <c>max_reasks</c> (0–10, default 1)
    /// and <c>name</c>.</param>
    /// <param name="judge">The judge model.</param>
    /// <exception cref="ArgumentException">An unknown type, a missing or malformed setting, or a setting the type does not
    /// read; the message names the type and the setting.</exception>
    public static IEvalAssertion Create(string type, IReadOnlyDictionary<string, object?> settings, IChatClient judge)
    {
        ArgumentNullException.ThrowIfNull(type);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(judge);
        var read = new JudgeSettings(type, settings);
        var options = new JudgeOptions(
            read.Text("name") ?? type,
            read.Number("threshold", 0, 1) ?? DefaultThreshold(type),
            read.Whole("max_reasks", 0, 10) ?? 1);
        IEvalAssertion assertion = type switch
        {
            "rubric" => new RubricJudge(judge, read.RequiredText("the rubric the output is graded against", "rubric", "value"), options),
            "g-eval" => new GEvalJudge(judge, read.RequiredText("the criterion the output is scored on", "criteria", "value"), read.List("steps"), options),
            "faithfulness" => new FaithfulnessJudge(judge, options),
            "answer-relevance" => new AnswerRelevanceJudge(judge, options),
            "context-precision" => new ContextPrecisionJudge(judge, options),
            "context-recall" => new ContextRecallJudge(judge, options),
            _ => throw new ArgumentException($"unknown judge type '{type}'; expected one of {string.Join(", ", Types)}.", nameof(type)),
        };
        read.RejectUnread();
        return assertion;
    }
}
