using System.CommandLine;

namespace Keel.Cli;

/// <summary>The options that choose how and where <c>keel search</c> and <c>keel ask</c> look: retrieval mode and
/// document filters. Malformed values are usage errors at parse time.</summary>
internal sealed class RetrievalOptions
{
    private readonly Option<RetrievalMode?> _mode = new("--mode")
    {
        HelpName = "lexical|vector|hybrid",
        Description = "lexical, vector or hybrid (default from keel.yaml: hybrid when embeddings are on)",
    };

    private readonly Option<string[]> _source = new("--source")
    {
        Description = "Only documents whose stored path (relative to the working directory) matches one of these globs, e.g. '**/*.md' or 'docs/**'",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _type = new("--type")
    {
        Description = "Only these document types: markdown, html, pdf, docx, csv, text",
        AllowMultipleArgumentsPerToken = true,
    };

    private readonly Option<string[]> _tag = TagOption("Only documents ingested with these tags (key=value)");

    public RetrievalOptions()
    {
        _type.AcceptOnlyFromAmong("markdown", "html", "pdf", "docx", "csv", "text");
    }

    public void AddTo(Command command)
    {
        command.Options.Add(_mode);
        command.Options.Add(_source);
        command.Options.Add(_type);
        command.Options.Add(_tag);
    }

    public RetrievalMode? Mode(ParseResult parseResult) => parseResult.GetValue(_mode);

    public SearchFilter? Filter(ParseResult parseResult)
    {
        var filter = new SearchFilter
        {
            Sources = parseResult.GetValue(_source) ?? [],
            DocumentTypes = parseResult.GetValue(_type) ?? [],
            Tags = Tags(parseResult, _tag) ?? new Dictionary<string, string>(StringComparer.Ordinal),
        };
        return filter.IsEmpty ? null : filter;
    }

    /// <summary>When the index holds documents but <paramref name="filter"/> lets none of them through, says so and
    /// shows one stored document to write the filter against; otherwise null. Called only when nothing was found, so an
    /// empty result is not blamed on the spelling or on a missing ingest when the filters were the cause.</summary>
    public static async Task<string?> NoDocumentMatchesAsync(IIndexStore store, SearchFilter? filter, CancellationToken cancellationToken)
    {
        if (filter is null)
        {
            return null;
        }

        var documents = await store.GetDocumentsAsync(cancellationToken);
        var sources = filter.SourceMatcher();
        if (documents.Count == 0 || documents.Values.Any(d => filter.Matches(d, sources)))
        {
            return null;
        }

        var given = filter.Sources.Select(s => $"--source '{s}'")
            .Concat(filter.DocumentTypes.Select(t => $"--type {t}"))
            .Concat(filter.Tags.Select(t => $"--tag {t.Key}={t.Value}"));
        var example = documents.Values.OrderBy(d => d.Path, StringComparer.Ordinal).First();
        var tags = example.Tags.Count == 0 ? "no tags" : "tags " + string.Join(", ", example.Tags.Select(t => $"{t.Key}={t.Value}"));
        var message = $"No indexed document matches {string.Join(' ', given)} ({documents.Count} indexed, e.g. {example.Path}: {example.DocumentType}, {tags}).";
        return filter.Sources.Count == 0 ? message : message + " --source globs match the whole stored path: write e.g. '**/*.md' or a folder like 'docs/**'.";
    }

    /// <summary>A repeatable <c>--tag key=value</c> option that rejects anything else at parse time.</summary>
    public static Option<string[]> TagOption(string description)
    {
        var option = new Option<string[]>("--tag") { Description = description, AllowMultipleArgumentsPerToken = true };
        option.Validators.Add(result =>
        {
            foreach (var tag in result.GetValueOrDefault<string[]>() ?? [])
            {
                var equals = tag.IndexOf('=', StringComparison.Ordinal);
                if (equals <= 0 || equals == tag.Length - 1)
                {
                    result.AddError($"--tag '{tag}' is not key=value; write e.g. --tag team=support.");
                }
            }
        });
        return option;
    }

    public static Dictionary<string, string>? Tags(ParseResult parseResult, Option<string[]> option)
    {
        var tags = parseResult.GetValue(option);
        if (tags is not { Length: > 0 })
        {
            return null;
        }

        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var tag in tags)
        {
            var equals = tag.IndexOf('=', StringComparison.Ordinal);
            result[tag[..equals].Trim()] = tag[(equals + 1)..].Trim();
        }

        return result;
    }
}
