using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Keel;

/// <summary>Eval runs in the embedded store (<c>eval_runs</c>, <c>eval_results</c>): every run is kept, for
/// <c>keel eval history</c> and <c>keel eval compare</c>.</summary>
internal sealed class EvalRunStore(SqliteDatabase database)
{
    private const int MaxStoredOutput = 4000;
    private static readonly string[] ResultParameters = ["$run", "$target", "$case", "$repeat", "$status", "$score", "$latency", "$cost", "$reason", "$output"];

    public void Save(EvalRunResult run)
    {
        using var connection = database.OpenConnection();
        using var transaction = connection.BeginTransaction(deferred: false);
        using (var insert = connection.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = """
                INSERT INTO eval_runs (id, started_at, suite, description, trials, passed, failed, errors, gates_passed, outcome, elapsed_ms, cost_usd, unpriced_calls)
                VALUES ($id, $started_at, $suite, $description, $trials, $passed, $failed, $errors, $gates_passed, $outcome, $elapsed_ms, $cost_usd, $unpriced_calls)
                """;
            var o = run.Summary.Overall;
            insert.Parameters.AddWithValue("$id", run.RunId);
            insert.Parameters.AddWithValue("$started_at", run.StartedAt.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture));
            insert.Parameters.AddWithValue("$suite", run.Suite);
            insert.Parameters.AddWithValue("$description", (object?)run.Description ?? DBNull.Value);
            insert.Parameters.AddWithValue("$trials", run.Trials.Count);
            insert.Parameters.AddWithValue("$passed", o.Passed);
            insert.Parameters.AddWithValue("$failed", o.Failed);
            insert.Parameters.AddWithValue("$errors", o.Errors);
            insert.Parameters.AddWithValue("$gates_passed", run.GatesPassed ? 1 : 0);
            insert.Parameters.AddWithValue("$outcome", Outcome(run.Outcome));
            insert.Parameters.AddWithValue("$elapsed_ms", run.ElapsedMs);
            insert.Parameters.AddWithValue("$cost_usd", (double)run.Summary.CostUsd);
            insert.Parameters.AddWithValue("$unpriced_calls", run.Summary.UnpricedCalls);
            insert.ExecuteNonQuery();
        }

        using var row = connection.CreateCommand();
        row.Transaction = transaction;
        row.CommandText = """
            INSERT INTO eval_results (run_id, target, case_id, repeat, status, score, latency_ms, cost_usd, reason, output)
            VALUES ($run, $target, $case, $repeat, $status, $score, $latency, $cost, $reason, $output)
            """;
        var p = ResultParameters.Select(name => row.Parameters.Add(name, SqliteType.Text)).ToArray();
        row.Prepare();
        foreach (var trial in run.Trials)
        {
            p[0].Value = run.RunId;
            p[1].Value = trial.Target;
            p[2].Value = trial.CaseId;
            p[3].Value = trial.Repeat;
            p[4].Value = Status(trial.Status);
            p[5].Value = (object?)trial.Score ?? DBNull.Value;
            p[6].Value = trial.LatencyMs;
            p[7].Value = trial.CostUsd is { } cost ? (double)cost : DBNull.Value;
            p[8].Value = (object?)Reason(trial) ?? DBNull.Value;
            p[9].Value = trial.Output is { } output ? (output.Length > MaxStoredOutput ? output[..MaxStoredOutput] : output) : DBNull.Value;
            row.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    public List<EvalRunRow> List(int limit, string? suite)
    {
        using var connection = database.OpenConnection();
        using var select = connection.CreateCommand();
        select.CommandText = """
            SELECT id, started_at, suite, trials, passed, failed, errors, coalesce(outcome, CASE gates_passed WHEN 1 THEN 'passed' ELSE 'gate_failed' END), elapsed_ms, cost_usd, unpriced_calls FROM eval_runs
            WHERE $suite IS NULL OR suite = $suite ORDER BY started_at DESC, id DESC LIMIT $limit
            """;
        select.Parameters.AddWithValue("$suite", (object?)suite ?? DBNull.Value);
        select.Parameters.AddWithValue("$limit", limit);
        using var reader = select.ExecuteReader();
        var rows = new List<EvalRunRow>();
        while (reader.Read())
        {
            rows.Add(new EvalRunRow(reader.GetString(0), DateTimeOffset.Parse(reader.GetString(1), CultureInfo.InvariantCulture), reader.GetString(2),
                reader.GetInt32(3), reader.GetInt32(4), reader.GetInt32(5), reader.GetInt32(6), reader.GetString(7), reader.GetDouble(8),
                reader.GetInt32(10) > 0 && reader.GetDouble(9) == 0 ? null : reader.GetDouble(9), reader.GetInt32(10)));
        }

        return rows;
    }

    /// <summary>A run's suite and trials, or null when no run has that id and none starts with it.</summary>
    /// <exception cref="KeelConfigurationException">The prefix starts the ids of several runs.</exception>
    public (string RunId, string Suite, List<EvalTrialResult> Trials)? Load(string idOrPrefix)
    {
        using var connection = database.OpenConnection();
        using var find = connection.CreateCommand();
        find.CommandText = "SELECT id, suite FROM eval_runs WHERE id = $id OR id LIKE $prefix ORDER BY id = $id DESC LIMIT 2";
        find.Parameters.AddWithValue("$id", idOrPrefix);
        find.Parameters.AddWithValue("$prefix", idOrPrefix.Replace("%", "", StringComparison.Ordinal) + "%");
        var ids = new List<(string Id, string Suite)>();
        using (var reader = find.ExecuteReader())
        {
            while (reader.Read())
            {
                ids.Add((reader.GetString(0), reader.GetString(1)));
            }
        }

        if (ids.Count == 0)
        {
            return null;
        }

        if (ids.Count > 1 && ids[0].Id != idOrPrefix)
        {
            throw new KeelConfigurationException($"'{idOrPrefix}' starts the ids of several runs ({ids[0].Id}, {ids[1].Id}, …); give more of the id (see keel eval history).");
        }

        using var select = connection.CreateCommand();
        select.CommandText = "SELECT target, case_id, repeat, status, score, latency_ms, reason, output FROM eval_results WHERE run_id = $id ORDER BY target, case_id, repeat";
        select.Parameters.AddWithValue("$id", ids[0].Id);
        using var rows = select.ExecuteReader();
        var trials = new List<EvalTrialResult>();
        while (rows.Read())
        {
            trials.Add(new EvalTrialResult
            {
                Target = rows.GetString(0),
                CaseId = rows.GetString(1),
                Repeat = rows.GetInt32(2),
                Status = Enum.Parse<EvalStatus>(rows.GetString(3), ignoreCase: true),
                Score = rows.IsDBNull(4) ? null : rows.GetDouble(4),
                LatencyMs = rows.GetDouble(5),
                Error = rows.IsDBNull(6) ? null : rows.GetString(6),
                Output = rows.IsDBNull(7) ? null : rows.GetString(7),
            });
        }

        return (ids[0].Id, ids[0].Suite, trials);
    }

    private static string Status(EvalStatus status) => status switch
    {
        EvalStatus.Pass => "pass",
        EvalStatus.Fail => "fail",
        _ => "error",
    };

    /// <summary>Why a trial did not pass: the call's error or the first failed assertion.</summary>
    internal static string? Reason(EvalTrialResult trial) =>
        trial.Error ?? Describe(trial.Assertions.FirstOrDefault(a => a.Status == EvalStatus.Error) ?? trial.Assertions.FirstOrDefault(a => a.Status == EvalStatus.Fail));

    internal static string Outcome(EvalOutcome outcome) => outcome switch
    {
        EvalOutcome.Passed => "passed",
        EvalOutcome.GateFailed => "gate_failed",
        _ => "run_failed",
    };

    private static string? Describe(EvalAssertionOutcome? outcome) => outcome is null ? null : $"{outcome.Name}: {outcome.Reason}";
}

/// <summary>One stored run, as <c>keel eval history</c> lists it; <c>Outcome</c> is <c>passed</c>, <c>gate_failed</c> or
/// <c>run_failed</c> (errors over the limit). <c>CostUsd</c> is the priced calls' cost, null (unknown) when none of
/// the calls that answered had a price; <c>UnpricedCalls</c> counts those.</summary>
internal sealed record EvalRunRow(string Id, DateTimeOffset StartedAt, string Suite, int Trials, int Passed, int Failed, int Errors, string Outcome, double ElapsedMs, double? CostUsd, int UnpricedCalls)
{
    public double PassRate => Passed + Failed == 0 ? 0 : (double)Passed / (Passed + Failed);
}
