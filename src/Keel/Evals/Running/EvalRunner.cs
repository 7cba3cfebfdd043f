using System.Collections.Concurrent;
using System.Globalization;

namespace Keel;

/// <summary>Runs a suite: every case on every target, <c>repeat</c> times, with bounded concurrency and an adaptive
/// limit per model; each trial ends PASS, FAIL or ERROR, never hidden.</summary>
internal sealed class EvalRunner(TimeProvider timeProvider)
{
    private const int RateLimitAttempts = 4;

    /// <summary>The largest share of trials that may end in ERROR before the run is <see cref="EvalOutcome.RunFailed"/>.</summary>
    public double MaxErrorRate { get; init; } = new EvalRunOptions().MaxErrorRate;

    /// <summary>Told after each trial, from any thread.</summary>
    public Action<EvalTrialResult>? TrialCompleted { get; init; }

    /// <summary>The limiter of each model, by name, as the last run left it.</summary>
    public ConcurrentDictionary<string, AdaptiveLimiter> Limiters { get; } = new(StringComparer.Ordinal);

    public async Task<EvalRunResult> RunAsync(EvalSuite suite, IReadOnlyDictionary<string, bool>? baseline, CancellationToken cancellationToken = default)
    {
        var startedAt = timeProvider.GetUtcNow();
        var started = timeProvider.GetTimestamp();
        foreach (var target in suite.Targets)
        {
            await target.PrepareAsync(cancellationToken);
        }

        var work = new List<(IEvalTarget Target, EvalCase Case, int Repeat)>(suite.TrialCount);
        foreach (var target in suite.Targets)
        {
            foreach (var evalCase in suite.Cases)
            {
                for (var r = 0; r < suite.Repeat; r++)
                {
                    work.Add((target, evalCase, r));
                }
            }
        }

        var trials = new EvalTrialResult[work.Count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, work.Count),
            new ParallelOptions { MaxDegreeOfParallelism = suite.Concurrency, CancellationToken = cancellationToken },
            async (i, ct) =>
            {
                var (target, evalCase, repeat) = work[i];
                trials[i] = await RunTrialAsync(target, evalCase, repeat, suite.Concurrency, ct);
                TrialCompleted?.Invoke(trials[i]);
            });

        var summary = EvalSummarizer.Summarize(trials, suite.Repeat);
        var comparison = baseline is null ? null : EvalGates.Compare(baseline, EvalSummarizer.CaseOutcomes(trials));
        var gates = EvalGates.Evaluate(summary, suite.Gates, comparison);
        return new EvalRunResult
        {
            RunId = NewRunId(startedAt),
            Suite = suite.Name,
            Description = suite.Description,
            StartedAt = startedAt,
            ElapsedMs = timeProvider.GetElapsedTime(started).TotalMilliseconds,
            Trials = trials,
            Summary = summary,
            Warnings = suite.Warnings,
            Gates = gates,
            Baseline = comparison,
            Outcome = summary.ErrorRate > MaxErrorRate ? EvalOutcome.RunFailed
                : gates.All(g => g.Passed) ? EvalOutcome.Passed
                : EvalOutcome.GateFailed,
        };
    }

    private async Task<EvalTrialResult> RunTrialAsync(IEvalTarget target, EvalCase evalCase, int repeat, int concurrency, CancellationToken cancellationToken)
    {
        EvalOutput output;
        try
        {
            output = await CallAsync(target, evalCase, repeat, concurrency, cancellationToken);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
#pragma warning disable CA1031 // A trial is a documented boundary: whatever the target throws makes this case an ERROR, with the message.
        catch (Exception ex)
#pragma warning restore CA1031
        {
            return new EvalTrialResult
            {
                Target = target.Name,
                CaseId = evalCase.Id,
                Repeat = repeat,
                Status = EvalStatus.Error,
                Tags = evalCase.Tags,
                Input = evalCase.Input,
                Expected = evalCase.Expected,
                Error = ex is ModelCallException or KeelConfigurationException ? ex.Message : $"{ex.GetType().Name}: {ex.Message}",
            };
        }

        var outcomes = new List<EvalAssertionOutcome>(evalCase.Assertions.Count);
        foreach (var assertion in evalCase.Assertions)
        {
            AssertionResult result;
            try
            {
                result = await assertion.EvaluateAsync(output, cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                throw;
            }
#pragma warning disable CA1031 // Same boundary: an assertion that throws is an ERROR of this case, not a crash of the run.
            catch (Exception ex)
#pragma warning restore CA1031
            {
                result = AssertionResult.Error($"{assertion.Name} threw {ex.GetType().Name}: {ex.Message}");
            }

            outcomes.Add(new EvalAssertionOutcome(assertion.Name, result.Status, result.Reason, result.Score, (assertion as WeightedAssertion)?.Weight ?? 1, result.JudgeParseFailed, result.Judged));
        }

        return new EvalTrialResult
        {
            Target = target.Name,
            CaseId = evalCase.Id,
            Repeat = repeat,
            Status = Outcome(outcomes),
            Tags = evalCase.Tags,
            Input = output.Input,
            Output = output.Output,
            Expected = evalCase.Expected,
            Assertions = outcomes,
            Score = Score(outcomes),
            LatencyMs = Math.Round(output.Latency.TotalMilliseconds, 3),
            InputTokens = output.InputTokens,
            OutputTokens = output.OutputTokens,
            CostUsd = output.CostUsd,
            Cached = output.Cached,
        };
    }

    private async Task<EvalOutput> CallAsync(IEvalTarget target, EvalCase evalCase, int repeat, int concurrency, CancellationToken cancellationToken)
    {
        if (target.Model is not { } model)
        {
            return await target.RunAsync(evalCase, repeat, cancellationToken);
        }

        var limiter = Limiters.GetOrAdd(model, _ => new AdaptiveLimiter(concurrency, timeProvider));
        for (var attempt = 1; ; attempt++)
        {
            await limiter.AcquireAsync(cancellationToken);
            try
            {
                var output = await target.RunAsync(evalCase, repeat, cancellationToken);
                limiter.Release(rateLimited: false);
                return output;
            }
            catch (ModelCallException ex) when (ex.Kind == ModelErrorKind.RateLimited)
            {
                limiter.Release(rateLimited: true, ex.RetryAfter);
                if (attempt >= RateLimitAttempts)
                {
                    throw;
                }
            }
            catch
            {
                limiter.Release(rateLimited: false);
                throw;
            }
        }
    }

    /// <summary>Any error makes the trial an ERROR; otherwise it passes when every assertion that carries weight passes.</summary>
    private static EvalStatus Outcome(List<EvalAssertionOutcome> outcomes) =>
        outcomes.Any(o => o.Status == EvalStatus.Error) ? EvalStatus.Error
        : outcomes.Any(o => o.Status == EvalStatus.Fail && o.Weight > 0) ? EvalStatus.Fail
        : EvalStatus.Pass;

    private static double? Score(List<EvalAssertionOutcome> outcomes)
    {
        var weighted = outcomes.Where(o => o.Status != EvalStatus.Error && o.Weight > 0).ToList();
        var total = weighted.Sum(o => o.Weight);
        return total == 0 ? null : Math.Round(weighted.Sum(o => o.Weight * (o.Score ?? (o.Status == EvalStatus.Pass ? 1 : 0))) / total, 4);
    }

    private static string NewRunId(DateTimeOffset startedAt) =>
        startedAt.ToString("yyyyMMdd-HHmmss", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(2));
}
