using System.ClientModel;
using System.Globalization;
using System.Text.Json;
using Microsoft.Extensions.AI;

namespace Keel;

/// <summary>The shared part of the model-graded assertions: asks the judge model for a verdict through Keel's
/// structured outputs and turns what can go wrong into <see cref="EvalStatus.Error"/>, never a pass or a fail.</summary>
/// <remarks>A verdict that does not fit its schema after <see cref="JudgeOptions.MaxReasks"/> re-asks (or a refusal, or
/// a truncated verdict) is an ERROR with <see cref="AssertionResult.JudgeParseFailed"/> set; a failed call to the judge
/// (HTTP 5xx, rate limit, timeout, dropped connection) is an ERROR too. Only cancellation escapes.</remarks>
internal abstract class JudgeAssertion(IChatClient judge, JudgeOptions options) : IEvalAssertion
{
    private static readonly JsonSerializerOptions VerdictJson = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, PropertyNameCaseInsensitive = true };

    public string Name => options.Name;

    protected JudgeOptions Options => options;

    public async ValueTask<AssertionResult> EvaluateAsync(EvalOutput output, CancellationToken cancellationToken) =>
        await JudgedAsync(output, cancellationToken).ConfigureAwait(false) with { Judged = true };

    protected abstract Task<AssertionResult> JudgeAsync(EvalOutput output, CancellationToken cancellationToken);

    private async Task<AssertionResult> JudgedAsync(EvalOutput output, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        try
        {
            return await JudgeAsync(output, cancellationToken).ConfigureAwait(false);
        }
        catch (StructuredOutputException ex)
        {
            return AssertionResult.Error($"{Name}: the judge's verdict could not be read after {ex.Attempts} attempt(s) ({ex.Kind.ToString().ToLowerInvariant()}): {Clip(ex.Message, 300)}") with { JudgeParseFailed = true };
        }
        catch (JsonException ex)
        {
            return AssertionResult.Error($"{Name}: the judge's verdict could not be read: {Clip(ex.Message, 300)}") with { JudgeParseFailed = true };
        }
        catch (Exception ex) when (IsJudgeCallFailure(ex, cancellationToken))
        {
            return AssertionResult.Error($"{Name}: the judge model failed, so the output was not graded: {Clip(ex.Message, 300)}");
        }
    }

    /// <summary>One judge call: <paramref name="instructions"/> as the system message, the material to grade as the user
    /// message, the verdict read against <paramref name="schema"/> (re-asked on a mismatch) into <typeparamref name="T"/>.</summary>
    protected async Task<T> AskAsync<T>(string instructions, string material, string schema, CancellationToken cancellationToken)
    {
        ChatMessage[] messages = [new(ChatRole.System, instructions), new(ChatRole.User, material)];
        var structured = new StructuredOptions { MaxReasks = options.MaxReasks, ChatOptions = new ChatOptions { Temperature = 0 } };
        var response = await judge.GetStructuredAsync(messages, schema, structured, cancellationToken).ConfigureAwait(false);
        return response.Value.Deserialize<T>(VerdictJson) ?? throw new JsonException("The judge's verdict was null.");
    }

    /// <summary>PASS when <paramref name="score"/> reaches the threshold, FAIL otherwise; the reason leads with the comparison.</summary>
    protected AssertionResult Graded(double score, string reason)
    {
        var threshold = options.Threshold ?? 0.5;
        var comparison = $"{Score(score)} {(score >= threshold ? "≥" : "<")} {Score(threshold)}";
        return score >= threshold ? AssertionResult.Pass($"{comparison}: {reason}", score) : AssertionResult.Fail($"{comparison}: {reason}", score);
    }

    /// <summary>Graded by the share of the judge's statements that hold, naming up to three that do not, e.g. "3 of 4
    /// statements supported by the contexts; unsupported: "…" (why)". <paramref name="statements"/> is not empty.</summary>
    protected AssertionResult GradedByStatements(IReadOnlyList<(string Statement, string Reason, bool Holds)> statements, string holding, string failing)
    {
        var failed = statements.Where(s => !s.Holds).ToList();
        var reason = $"{statements.Count - failed.Count} of {statements.Count} {holding}"
            + (failed.Count == 0 ? "" : $"; {failing}: " + string.Join("; ", failed.Take(3).Select(s => $"{Quote(s.Statement)} ({s.Reason})")));
        return Graded((double)(statements.Count - failed.Count) / statements.Count, reason);
    }

    protected static string Score(double value) => value.ToString("0.00", CultureInfo.InvariantCulture);

    /// <summary>Wraps untrusted text in a named tag for the judge prompt.</summary>
    protected static string Tag(string name, string? text) => $"<{name}>\n{text?.Trim()}\n</{name}>\n";

    protected static string Numbered(IReadOnlyList<string> contexts) =>
        string.Join("\n", contexts.Select((c, i) => $"[{i + 1}] {c.Trim()}"));

    protected static string Quote(string text) => $"\"{Clip(text.Trim(), 120)}\"";

    protected static string Clip(string text, int length) => text.Length <= length ? text : text[..(length - 3)] + "...";

    protected AssertionResult Missing(string what) => AssertionResult.Error($"{Name}: the case has no {what}, which this judge needs; give it in the dataset.");

    private static bool IsJudgeCallFailure(Exception ex, CancellationToken cancellationToken) => ex switch
    {
        OperationCanceledException => !cancellationToken.IsCancellationRequested, // an HTTP timeout, not the run's cancellation
        ModelCallException or HttpRequestException or ClientResultException or TimeoutException or IOException => true,
        _ => false,
    };
}
