using System.Text.Json;
using Keel.Tests.Structured;

namespace Keel.Tests.Evals.Judges;

public sealed class JudgeAssertionsTests
{
    private static readonly ScriptedChatClient Judge = new((_, _) => ScriptedChatClient.Reply("{}"));

    private static IEvalAssertion Create(string type, params (string Key, object? Value)[] settings) =>
        JudgeAssertions.Create(type, settings.ToDictionary(s => s.Key, s => s.Value), Judge);

    private static string ErrorOf(string type, params (string Key, object? Value)[] settings) =>
        Assert.Throws<ArgumentException>(() => Create(type, settings)).Message;

    [Theory]
    [InlineData("rubric", typeof(RubricJudge))]
    [InlineData("g-eval", typeof(GEvalJudge))]
    [InlineData("faithfulness", typeof(FaithfulnessJudge))]
    [InlineData("answer-relevance", typeof(AnswerRelevanceJudge))]
    [InlineData("context-precision", typeof(ContextPrecisionJudge))]
    [InlineData("context-recall", typeof(ContextRecallJudge))]
    public void Create_EachType_BuildsItsJudgeNamedAfterTheType(string type, Type expected)
    {
        var assertion = Create(type, ("value", type is "rubric" or "g-eval" ? "criteria" : null));

        Assert.IsType(expected, assertion);
        Assert.Equal(type, assertion.Name);
    }

    [Fact]
    public void Create_NameSetting_NamesTheAssertion()
    {
        Assert.Equal("polite", Create("rubric", ("rubric", "Is polite"), ("name", "polite")).Name);
    }

    [Fact]
    public void Create_SettingsFromJsonOrText_AreRead()
    {
        var settings = JsonSerializer.Deserialize<Dictionary<string, JsonElement>>("""{"criteria": "Clarity", "steps": ["a", "b"], "threshold": 0.6, "max_reasks": 2}""")!;

        var assertion = JudgeAssertions.Create("g-eval", settings.ToDictionary(p => p.Key, p => (object?)p.Value), Judge);

        Assert.IsType<GEvalJudge>(assertion);
        Assert.IsType<GEvalJudge>(Create("g-eval", ("criteria", "Clarity"), ("steps", new List<object?> { "a", "b" }), ("threshold", "0.6"), ("max_reasks", "0")));
    }

    [Theory]
    [InlineData("judge", "unknown judge type 'judge'; expected one of rubric, g-eval, faithfulness, answer-relevance, context-precision, context-recall.")]
    [InlineData("rubric", "rubric: missing setting 'rubric': the rubric the output is graded against.")]
    [InlineData("g-eval", "g-eval: missing setting 'criteria': the criterion the output is scored on.")]
    public void Create_MissingTypeOrText_SaysWhatIsNeeded(string type, string expected)
    {
        Assert.StartsWith(expected, ErrorOf(type), StringComparison.Ordinal);
    }

    [Fact]
    public void Create_BadSettings_NameTheTypeAndSetting()
    {
        Assert.StartsWith("faithfulness: setting 'threshold' must be a number from 0 to 1, not 'high'.", ErrorOf("faithfulness", ("threshold", "high")), StringComparison.Ordinal);
        Assert.StartsWith("faithfulness: setting 'threshold' must be a number from 0 to 1, not 80.", ErrorOf("faithfulness", ("threshold", 80)), StringComparison.Ordinal);
        Assert.StartsWith("faithfulness: unknown setting 'treshold'; expected: max_reasks, name, threshold.", ErrorOf("faithfulness", ("treshold", 0.9)), StringComparison.Ordinal);
        Assert.StartsWith("rubric: give one of 'rubric' or 'value', not both.", ErrorOf("rubric", ("rubric", "a"), ("value", "b")), StringComparison.Ordinal);
        Assert.StartsWith("rubric: setting 'max_reasks' must be a whole number, not 1.5.", ErrorOf("rubric", ("rubric", "a"), ("max_reasks", 1.5)), StringComparison.Ordinal);
        Assert.StartsWith("g-eval: setting 'steps' must be a list of texts; one item is 3.", ErrorOf("g-eval", ("criteria", "a"), ("steps", new object?[] { "x", 3 })), StringComparison.Ordinal);
        Assert.StartsWith("rubric: setting 'rubric' is empty.", ErrorOf("rubric", ("rubric", " ")), StringComparison.Ordinal);
    }

    [Fact]
    public void DefaultThresholds_AreDocumented()
    {
        Assert.Equal([null, 0.5, 0.8, 0.7, 0.5, 0.7], JudgeAssertions.Types.Select(JudgeAssertions.DefaultThreshold));
    }
}
