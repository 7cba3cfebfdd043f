using System.Globalization;
using System.Text.Json;

namespace Keel;

/// <summary>A retrieval benchmark in BEIR's layout: <c>corpus.jsonl</c>, <c>queries.jsonl</c> and
/// <c>qrels/&lt;split&gt;.tsv</c>.</summary>
/// <param name="Corpus">The documents, in file order.</param>
/// <param name="Queries">The queries judged in the split, in file order.</param>
/// <param name="Qrels">Query id → document id → relevance grade.</param>
/// <remarks>Malformed input throws <see cref="InvalidDataException"/> naming the file and the 1-based line.</remarks>
internal sealed record BeirDataset(
    IReadOnlyList<BeirDocument> Corpus,
    IReadOnlyList<BeirQuery> Queries,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, int>> Qrels)
{
    /// <summary>Loads a dataset directory, keeping only the queries the split judges (as BEIR's
    /// <c>GenericDataLoader</c> does).</summary>
    /// <param name="directory">The directory holding <c>corpus.jsonl</c>, <c>queries.jsonl</c> and <c>qrels/</c>.</param>
    /// <param name="split">The qrels file name without extension.</param>
    public static BeirDataset Load(string directory, string split = "test")
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentException.ThrowIfNullOrEmpty(split);
        var qrelsPath = Path.Combine(directory, "qrels", split + ".tsv");
        var queriesPath = Path.Combine(directory, "queries.jsonl");
        var qrels = ReadQrels(qrelsPath);
        var queries = ReadQueries(queriesPath);
        var judged = new List<BeirQuery>(qrels.Count);
        foreach (var query in queries)
        {
            if (qrels.ContainsKey(query.Id))
            {
                judged.Add(query);
            }
        }

        if (judged.Count != qrels.Count)
        {
            var known = new HashSet<string>(judged.Count, StringComparer.Ordinal);
            foreach (var query in judged)
            {
                known.Add(query.Id);
            }

            var missing = qrels.Keys.First(id => !known.Contains(id));
            throw new InvalidDataException($"{qrelsPath} judges query '{missing}', which {queriesPath} does not contain.");
        }

        return new BeirDataset(ReadCorpus(Path.Combine(directory, "corpus.jsonl")), judged, qrels);
    }

    /// <summary>Reads <c>corpus.jsonl</c>: one JSON object per line with <c>_id</c>, <c>text</c> and optionally
    /// <c>title</c>; other properties are ignored and blank lines skipped.</summary>
    public static List<BeirDocument> ReadCorpus(string path)
    {
        var documents = new List<BeirDocument>();
        ReadJsonLines(path, (root, line) =>
        {
            var id = ReadId(root, path, line);
            var title = ReadString(root, "title", required: false, path, line) ?? string.Empty;
            var text = ReadString(root, "text", required: true, path, line)!;
            documents.Add(new BeirDocument(id, title, text));
            return id;
        });
        return documents;
    }

    /// <summary>Reads <c>queries.jsonl</c>: one JSON object per line with <c>_id</c> and <c>text</c>; other
    /// properties (such as <c>metadata</c>) are ignored and blank lines skipped.</summary>
    public static List<BeirQuery> ReadQueries(string path)
    {
        var queries = new List<BeirQuery>();
        ReadJsonLines(path, (root, line) =>
        {
            var id = ReadId(root, path, line);
            queries.Add(new BeirQuery(id, ReadString(root, "text", required: true, path, line)!));
            return id;
        });
        return queries;
    }

    /// <summary>Reads a qrels file: tab-separated <c>query-id</c>, <c>corpus-id</c>, integer <c>score</c>, after
    /// an optional header line (a first line whose score column is not an integer).</summary>
    public static Dictionary<string, IReadOnlyDictionary<string, int>> ReadQrels(string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        var qrels = new Dictionary<string, IReadOnlyDictionary<string, int>>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            var columns = text.Split('\t');
            if (columns.Length != 3)
            {
                throw Malformed(path, line, $"expected 3 tab-separated columns (query-id, corpus-id, score) but found {columns.Length}");
            }

            if (!int.TryParse(columns[2], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var score))
            {
                if (line == 1)
                {
                    continue;
                }

                throw Malformed(path, line, $"the score '{columns[2]}' is not an integer");
            }

            if (columns[0].Length == 0 || columns[1].Length == 0)
            {
                throw Malformed(path, line, "the query-id and corpus-id must not be empty");
            }

            if (!qrels.TryGetValue(columns[0], out var judgments))
            {
                judgments = new Dictionary<string, int>(StringComparer.Ordinal);
                qrels.Add(columns[0], judgments);
            }

            if (!((Dictionary<string, int>)judgments).TryAdd(columns[1], score))
            {
                throw Malformed(path, line, $"query '{columns[0]}' already has a judgment for document '{columns[1]}'");
            }
        }

        return qrels;
    }

    /// <summary>Parses each non-blank line as a JSON object and hands it to <paramref name="read"/>, which
    /// returns the line's id so that duplicates are reported.</summary>
    private static void ReadJsonLines(string path, Func<JsonElement, int, string> read)
    {
        ArgumentNullException.ThrowIfNull(path);
        var firstLineById = new Dictionary<string, int>(StringComparer.Ordinal);
        var line = 0;
        foreach (var text in File.ReadLines(path))
        {
            line++;
            if (string.IsNullOrWhiteSpace(text))
            {
                continue;
            }

            JsonDocument document;
            try
            {
                document = JsonDocument.Parse(text);
            }
            catch (JsonException exception)
            {
                throw new InvalidDataException($"{path} line {line}: not valid JSON ({exception.Message})", exception);
            }

            using (document)
            {
                if (document.RootElement.ValueKind != JsonValueKind.Object)
                {
                    throw Malformed(path, line, $"expected a JSON object but found {document.RootElement.ValueKind}");
                }

                var id = read(document.RootElement, line);
                if (!firstLineById.TryAdd(id, line))
                {
                    throw Malformed(path, line, $"_id '{id}' was already used on line {firstLineById[id]}");
                }
            }
        }
    }

    private static string ReadId(JsonElement root, string path, int line)
    {
        if (!root.TryGetProperty("_id", out var id))
        {
            throw Malformed(path, line, "the \"_id\" property is missing");
        }

        // Some exports write numeric ids without quotes; the qrels compare them as text either way.
        var value = id.ValueKind switch
        {
            JsonValueKind.String => id.GetString()!,
            JsonValueKind.Number => id.GetRawText(),
            _ => throw Malformed(path, line, $"\"_id\" must be a string but is {id.ValueKind}"),
        };
        return value.Length > 0 ? value : throw Malformed(path, line, "\"_id\" is empty");
    }

    private static string? ReadString(JsonElement root, string name, bool required, string path, int line)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw Malformed(path, line, $"the \"{name}\" property is missing") : null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw Malformed(path, line, $"\"{name}\" must be a string but is {value.ValueKind}");
    }

    private static InvalidDataException Malformed(string path, int line, string problem) =>
        new($"{path} line {line}: {problem}.");
}
