using System.CommandLine;
using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel search "query"</c>: ranked chunks with highlighted snippets.</summary>
internal static class SearchCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var query = new Argument<string>("query") { Description = "What to look for" };
        var top = TopOption.Create("How many results (default from keel.yaml: 5)");
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var retrieval = new RetrievalOptions();
        var command = new Command("search", "Search the index: BM25, vectors, or both fused (hybrid)") { query, top, json };
        retrieval.AddTo(command);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var text = parseResult.GetValue(query)!;
            if (string.IsNullOrWhiteSpace(text))
            {
                await environment.Error.WriteLineAsync("error: the query is empty; pass the words to look for, e.g. keel search \"refund policy\".");
                return ExitCodes.Usage;
            }

            var k = parseResult.GetValue(top);

            using var services = KeelCli.CreateServices(parseResult, environment);
            var searcher = services.GetRequiredService<DocumentSearcher>();
            var options = new SearchOptions { Mode = retrieval.Mode(parseResult), Filter = retrieval.Filter(parseResult) };
            var (hits, result) = await searcher.SearchAsync(text, k ?? services.GetRequiredService<KeelConfig>().Search.TopK, options, cancellationToken);
            var filteredOut = hits.Count == 0 ? await RetrievalOptions.NoDocumentMatchesAsync(services.GetRequiredService<IIndexStore>(), options.Filter, cancellationToken) : null;
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new { Query = text, result.Mode, Hits = hits, Warning = result.RerankError ?? filteredOut });
                return ExitCodes.Success;
            }

            if (result.RerankError is { } warning)
            {
                environment.Console.MarkupLine($"[yellow]warning:[/] {KeelCli.Escape(warning)}");
            }

            if (filteredOut is not null)
            {
                environment.Console.MarkupLine($"[yellow]No matches.[/] {KeelCli.Escape(filteredOut)}");
                return ExitCodes.Success;
            }

            if (hits.Count == 0)
            {
                environment.Console.MarkupLine("[yellow]No matches.[/] Check the spelling, or ingest documents first with [bold]keel ingest PATH[/].");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("#").AddColumn("score").AddColumn("source").AddColumn("snippet");
            foreach (var hit in hits)
            {
                table.AddRow(
                    new Markup(hit.Rank.ToString(CultureInfo.InvariantCulture)),
                    new Markup(hit.Score.ToString("0.00", CultureInfo.InvariantCulture)),
                    new Markup(KeelCli.Escape(Describe(hit.Source, hit.Heading, hit.Page))),
                    new Markup(Highlight(hit.Snippet, hit.Highlights)));
            }

            environment.Console.Write(table);
            return ExitCodes.Success;
        });
        return command;
    }

    public static string Describe(string source, string? heading, int? page)
    {
        var text = source;
        if (heading is not null)
        {
            text += Headings.Separator + heading;
        }

        if (page is not null)
        {
            text += $" (p. {page})";
        }

        return text;
    }

    private static string Highlight(string snippet, IReadOnlyList<TextSpan> highlights)
    {
        var builder = new StringBuilder();
        var position = 0;
        foreach (var span in highlights.OrderBy(h => h.Start))
        {
            if (span.Start < position)
            {
                continue;
            }

            builder.Append(Markup.Escape(snippet[position..span.Start]));
            builder.Append("[bold yellow]").Append(Markup.Escape(snippet[span.Start..span.End])).Append("[/]");
            position = span.End;
        }

        builder.Append(Markup.Escape(snippet[position..]));
        return builder.ToString();
    }
}
