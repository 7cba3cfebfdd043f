using System.CommandLine;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel ask "question" [--docs PATH]</c>: a grounded answer with numbered citations, or an abstention.</summary>
internal static partial class AskCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var question = new Argument<string>("question") { Description = "The question, in plain language" };
        var docs = new Option<string[]>("--docs", "-d") { Description = "Ingest these files or folders first (incremental)", AllowMultipleArgumentsPerToken = true };
        var top = TopOption.Create("How many passages to draw from (default from keel.yaml: 5)");
        var json = new Option<bool>("--json") { Description = "Print JSON: answer, abstained, mode, citations, timings" };
        var retrieval = new RetrievalOptions();
        var command = new Command("ask", "Answer a question from your documents, citing every sentence") { question, docs, top, json };
        retrieval.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(question)!;
            if (string.IsNullOrWhiteSpace(text))
            {
                await environment.Error.WriteLineAsync("error: the question is empty; e.g. keel ask \"How long are deleted files kept?\".");
                return ExitCodes.Usage;
            }

            var k = parseResult.GetValue(top);

            var asJson = parseResult.GetValue(json);
            using var services = KeelCli.CreateServices(parseResult, environment);
            var ingestMs = 0.0;
            var documents = parseResult.GetValue(docs) ?? [];
            if (documents.Length > 0)
            {
                var ingest = await IngestCommand.RunAsync(environment, services.GetRequiredService<DocumentIndex>(), documents, null, showProgress: !asJson, cancellationToken);
                IngestCommand.PrintSkipped(environment, ingest);
                ingestMs = ingest.Elapsed.TotalMilliseconds;
            }

            var filter = retrieval.Filter(parseResult);
            var answer = await services.GetRequiredService<GroundedAnswerer>().AskAsync(text, new AskOptions { TopK = k, Mode = retrieval.Mode(parseResult), Filter = filter }, cancellationToken);
            answer = answer with { Timings = answer.Timings with { IngestMs = Math.Round(ingestMs, 2), TotalMs = Math.Round(answer.Timings.TotalMs + ingestMs, 2) } };
            var filteredOut = answer.Abstained ? await RetrievalOptions.NoDocumentMatchesAsync(services.GetRequiredService<IIndexStore>(), filter, cancellationToken) : null;
            if (asJson)
            {
                CliJson.Write(environment.Out, new
                {
                    Answer = answer.Text,
                    answer.Abstained,
                    answer.Mode,
                    answer.Citations,
                    answer.Sentences,
                    answer.Timings,
                    Notice = filteredOut ?? answer.Notice,
                });
                return ExitCodes.Success;
            }

            Print(environment.Console, answer, filteredOut);
            return ExitCodes.Success;
        });
        return command;
    }

    /// <summary>Escapes the answer for markup and colours its <c>[n]</c> citation marks.</summary>
    internal static string HighlightCitations(string text) =>
        string.Concat(CitationMarks.Mark().Split(text).Select((part, i) => i % 2 == 1 ? $"[bold blue][[{part}]][/]" : Markup.Escape(part)));

    /// <param name="filteredOut">Why nothing was found when the filters let no document through, or null.</param>
    private static void Print(IAnsiConsole console, Answer answer, string? filteredOut)
    {
        if (answer.Abstained)
        {
            console.MarkupLine($"[yellow]{KeelCli.Escape(answer.Text)}[/]");
            if (filteredOut is not null)
            {
                console.MarkupLine($"[yellow]{KeelCli.Escape(filteredOut)}[/]");
            }
            else if (answer.Text != ExtractiveAnswerer.EmptyIndex)
            {
                console.MarkupLine("[grey]Try other words, or ingest the documents that cover it: keel ingest PATH.[/]");
            }

            return;
        }

        console.MarkupLine(HighlightCitations(answer.Text));
        foreach (var sentence in answer.Sentences.Where(s => !s.Supported))
        {
            var cited = sentence.Citations.Count == 0 ? "it cites no source" : "not supported by " + string.Concat(sentence.Citations.Select(n => $"[[{n}]]"));
            console.MarkupLine($"[red]! Unsupported ({cited}, support {sentence.SupportScore:0.00}):[/] {KeelCli.Escape(sentence.Text)}");
        }

        console.WriteLine();
        console.MarkupLine("[bold]Sources[/]");
        foreach (var citation in answer.Citations)
        {
            console.MarkupLine($" [bold blue][[{citation.N}]][/] {KeelCli.Escape(SearchCommand.Describe(citation.Source, citation.Heading, citation.Page))} [grey](chars {citation.Start}–{citation.End})[/]");
        }

        if (answer.Notice is not null)
        {
            console.WriteLine();
            console.MarkupLine($"[grey]{KeelCli.Escape(answer.Notice)}[/]");
        }
    }
}
