using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel traces [list|show ID|stats]</c>: what model calls happened, one trace each.</summary>
internal static class TracesCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var json = new Option<bool>("--json") { Description = "Print JSON", Recursive = true };
        var model = new Option<string?>("--model") { Description = "Only this configured model" };
        var limit = new Option<int>("--limit", "-n") { Description = "How many traces (default 20)", DefaultValueFactory = _ => 20 }.InRange(1);
        var list = new Command("list", "The most recent calls, newest first") { model, limit };
        list.SetAction(ListAsync);

        async Task<int> ListAsync(ParseResult parseResult, CancellationToken cancellationToken)
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var traces = await services.GetRequiredService<ITraceStore>().ListAsync(parseResult.GetValue(limit), parseResult.GetValue(model), cancellationToken);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new { Traces = traces });
                return ExitCodes.Success;
            }

            if (traces.Count == 0)
            {
                environment.Console.MarkupLine("No traces yet: they are recorded for every call to a configured model (keel chat, generative answers).");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("id").AddColumn("started (UTC)").AddColumn("model").AddColumn("status").AddColumn("latency ms").AddColumn("ttft ms").AddColumn("tokens in/out").AddColumn("cost $").AddColumn("retries").AddColumn("fallbacks");
            var prompts = traces.Any(t => t.PromptName is not null);
            if (prompts)
            {
                table.AddColumn("prompt");
            }

            foreach (var trace in traces)
            {
                var row = new List<string>
                {
                    trace.Id[..12],
                    trace.StartedAt.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture),
                    KeelCli.Escape(trace.AnsweredBy is { } by && by != trace.Model ? $"{trace.Model} → {by}" : trace.Model),
                    trace.Status == "ok" ? "[green]ok[/]" : $"[red]{KeelCli.Escape(trace.ErrorKind ?? trace.Status)}[/]",
                    Number(trace.LatencyMs),
                    trace.TimeToFirstTokenMs is { } ttft ? Number(ttft) : "",
                    $"{trace.InputTokens}/{trace.OutputTokens}{(trace.UsageEstimated ? " (est.)" : "")}",
                    trace.CostUsd is { } cost ? cost.ToString("0.######", CultureInfo.InvariantCulture) : "",
                    trace.Retries.ToString(CultureInfo.InvariantCulture),
                    KeelCli.Escape(trace.Fallbacks ?? ""),
                };
                if (prompts)
                {
                    row.Add(KeelCli.Escape(trace.PromptName is null ? "" : $"{trace.PromptName}@{trace.PromptLabel ?? trace.PromptVersion}"));
                }

                table.AddRow([.. row]);
            }

            environment.Console.Write(table);
            return ExitCodes.Success;
        }

        var id = new Argument<string>("id") { Description = "A trace id, or a unique prefix of it" };
        var show = new Command("show", "One trace in full") { id };
        show.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var trace = await services.GetRequiredService<ITraceStore>().FindAsync(parseResult.GetValue(id)!, cancellationToken);
            if (trace is null)
            {
                await environment.Error.WriteLineAsync($"error: no trace with id '{parseResult.GetValue(id)}' (or the prefix matches several); see keel traces list.");
                return ExitCodes.Error;
            }

            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, trace);
                return ExitCodes.Success;
            }

            var grid = new Grid().AddColumn().AddColumn();
            foreach (var property in typeof(TraceRecord).GetProperties())
            {
                if (property.GetValue(trace) is { } value)
                {
                    var text = value is DateTimeOffset time ? time.ToUniversalTime().ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture) : Convert.ToString(value, CultureInfo.InvariantCulture);
                    grid.AddRow(new Text(property.Name), new Text(text ?? ""));
                }
            }

            environment.Console.Write(grid);
            return ExitCodes.Success;
        });

        var days = new Option<int>("--days") { Description = "How many days back (default 7)", DefaultValueFactory = _ => 7 }.InRange(1);
        var stats = new Command("stats", "Latency percentiles, tokens and cost by model and day") { days };
        stats.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var now = services.GetRequiredService<TimeProvider>().GetUtcNow();
            var traces = await services.GetRequiredService<ITraceStore>().SinceAsync(now.AddDays(-parseResult.GetValue(days)), cancellationToken);
            var rows = TraceStatistics.ByModelAndDay(traces);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new { Stats = rows });
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded)
                .AddColumn("day").AddColumn("model").AddColumn("calls").AddColumn("errors").AddColumn("p50 ms").AddColumn("p95 ms").AddColumn("tokens in").AddColumn("tokens out").AddColumn("cost $");
            foreach (var row in rows)
            {
                table.AddRow(row.Day, KeelCli.Escape(row.Model), row.Calls.ToString(CultureInfo.InvariantCulture), row.Errors.ToString(CultureInfo.InvariantCulture), Number(row.P50Ms), Number(row.P95Ms),
                    row.InputTokens.ToString(CultureInfo.InvariantCulture), row.OutputTokens.ToString(CultureInfo.InvariantCulture), Cost(row));
            }

            environment.Console.Write(table);
            return ExitCodes.Success;
        });

        var command = new Command("traces", "Inspect recorded model calls (default: list)") { json, model, limit, list, show, stats };
        command.SetAction(ListAsync);
        return command;
    }

    private static string Number(double value) => value.ToString("0.0", CultureInfo.InvariantCulture);

    /// <summary>The known sum, marked when calls without a price are left out of it; "unknown" when none was priced.</summary>
    private static string Cost(TraceStatisticsRow row) => (row.CostUsd, row.UnpricedCalls) switch
    {
        (null, _) => "unknown",
        ({ } cost, 0) => cost.ToString("0.######", CultureInfo.InvariantCulture),
        ({ } cost, var unpriced) => string.Create(CultureInfo.InvariantCulture, $"{cost:0.######} + {unpriced} unpriced"),
    };
}
