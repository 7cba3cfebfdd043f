using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel ingest PATH…</c>: build or refresh the index, incrementally by content hash.</summary>
internal static class IngestCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var paths = new Argument<string[]>("paths") { Description = "Files or folders to ingest (folders recursively)", Arity = ArgumentArity.OneOrMore };
        var include = new Option<string[]>("--include") { Description = "Only files matching these globs (default from keel.yaml: **/*)", AllowMultipleArgumentsPerToken = true };
        var exclude = new Option<string[]>("--exclude") { Description = "Leave out files matching these globs", AllowMultipleArgumentsPerToken = true };
        var tag = RetrievalOptions.TagOption("Tag every document of this run (key=value), replacing its tags, to filter searches with --tag; without it documents keep theirs");
        var prune = new Option<bool>("--prune") { Description = "Also remove indexed documents under PATHS that --include/--exclude now leave out (by default only files gone from disk are removed)" };
        var json = new Option<bool>("--json") { Description = "Print a JSON summary instead of a table" };
        var command = new Command("ingest", "Load, chunk, embed and index documents (Markdown, HTML, PDF, DOCX, CSV, text)") { paths, include, exclude, tag, prune, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var index = services.GetRequiredService<DocumentIndex>();
            var options = new IngestOptions
            {
                Include = NullIfEmpty(parseResult.GetValue(include)),
                Exclude = NullIfEmpty(parseResult.GetValue(exclude)),
                Tags = RetrievalOptions.Tags(parseResult, tag),
                Prune = parseResult.GetValue(prune),
            };
            var result = await RunAsync(environment, index, parseResult.GetValue(paths)!, options, showProgress: !parseResult.GetValue(json), cancellationToken);
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new
                {
                    result.FilesSeen,
                    result.Added,
                    result.Updated,
                    result.Unchanged,
                    result.Removed,
                    result.ChunksWritten,
                    result.ChunksEmbedded,
                    Skipped = result.Skipped.Select(s => new { s.Path, s.Reason }),
                    ElapsedMs = Math.Round(result.Elapsed.TotalMilliseconds, 1),
                });
            }
            else
            {
                PrintSummary(environment, result);
            }

            PrintSkipped(environment, result);
            return result.Skipped.Count > 0 ? ExitCodes.Skipped : ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Runs ingest with a progress bar (files, chunks and their rates) when asked to show one.</summary>
    public static async Task<IngestResult> RunAsync(CliEnvironment environment, DocumentIndex index, IReadOnlyList<string> paths, IngestOptions? options, bool showProgress, CancellationToken cancellationToken)
    {
        // A progress bar only makes sense on a terminal; redirected output gets the summary alone.
        if (!showProgress || !environment.Console.Profile.Capabilities.Interactive)
        {
            return await index.IngestAsync(paths, options, null, cancellationToken);
        }

        IngestResult? result = null;
        await environment.Console.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
            .StartAsync(async context =>
            {
                var task = context.AddTask("Ingesting", maxValue: 1);
                var started = System.Diagnostics.Stopwatch.GetTimestamp();
                var progress = new SynchronousProgress<IngestProgress>(p =>
                {
                    var seconds = Math.Max(System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds, 0.001);
                    task.MaxValue = Math.Max(p.FilesTotal, 1);
                    task.Value = p.FilesDone;
                    task.Description = $"{p.FilesDone}/{p.FilesTotal} files ({p.FilesDone / seconds:0}/s), {p.ChunksWritten} chunks ({p.ChunksWritten / seconds:0}/s)"
                        + (p.ChunksEmbedded > 0 ? $", {p.ChunksEmbedded} embedded ({p.ChunksEmbedded / seconds:0}/s)" : "");
                });
                result = await index.IngestAsync(paths, options, progress, cancellationToken);
                task.Value = task.MaxValue;
            });
        return result!;
    }

    private static void PrintSummary(CliEnvironment environment, IngestResult result)
    {
        var table = new Table().Border(TableBorder.Rounded)
            .AddColumn("files").AddColumn("added").AddColumn("updated").AddColumn("unchanged").AddColumn("removed").AddColumn("skipped").AddColumn("chunks written").AddColumn("embedded").AddColumn("time");
        table.AddRow(
            result.FilesSeen.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Added.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Updated.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Unchanged.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Removed.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.Skipped.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.ChunksWritten.ToString(System.Globalization.CultureInfo.InvariantCulture),
            result.ChunksEmbedded.ToString(System.Globalization.CultureInfo.InvariantCulture),
            $"{result.Elapsed.TotalSeconds:0.00}s");
        environment.Console.Write(table);
    }

    public static void PrintSkipped(CliEnvironment environment, IngestResult result)
    {
        foreach (var skipped in result.Skipped)
        {
            environment.Error.WriteLine($"skipped {skipped.Path}: {skipped.Reason}");
        }
    }

    private static string[]? NullIfEmpty(string[]? values) => values is { Length: > 0 } ? values : null;

    /// <summary>Reports on the caller's thread, so the progress bar sees every update in order.</summary>
    private sealed class SynchronousProgress<T>(Action<T> report) : IProgress<T>
    {
        public void Report(T value) => report(value);
    }
}
