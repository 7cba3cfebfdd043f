namespace Keel.Tests.Rag.Metrics;

public sealed class BeirDatasetTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("keel-beir-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public void Load_WellFormedDataset_ReadsCorpusQueriesAndQrels()
    {
        Write("corpus.jsonl", """
            {"_id": "d1", "title": "Aspirin", "text": "Aspirin lowers fever.", "metadata": {}}
            {"_id": "d2", "text": "No title here."}

            {"_id": 3, "title": null, "text": "Numeric id."}
            """);
        Write("queries.jsonl", """
            {"_id": "q1", "text": "does aspirin lower fever", "metadata": {}}
            {"_id": "q2", "text": "not judged in this split"}
            {"_id": "q3", "text": "numeric ids"}
            """);
        Write("qrels/test.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t2\nq1\td2\t0\nq3\t3\t1\n");

        var dataset = BeirDataset.Load(_directory);

        Assert.Equal(
            [new BeirDocument("d1", "Aspirin", "Aspirin lowers fever."), new BeirDocument("d2", "", "No title here."), new BeirDocument("3", "", "Numeric id.")],
            dataset.Corpus);
        Assert.Equal([new BeirQuery("q1", "does aspirin lower fever"), new BeirQuery("q3", "numeric ids")], dataset.Queries);
        Assert.Equal(2, dataset.Qrels.Count);
        Assert.Equal(2, dataset.Qrels["q1"]["d1"]);
        Assert.Equal(0, dataset.Qrels["q1"]["d2"]);
        Assert.Equal(1, dataset.Qrels["q3"]["3"]);
    }

    [Fact]
    public void ReadQrels_NoHeader_ReadsFirstLine()
    {
        Write("qrels.tsv", "q1\td1\t1\r\nq2\td2\t-1\r\n");

        var qrels = BeirDataset.ReadQrels(Path.Combine(_directory, "qrels.tsv"));

        Assert.Equal(1, qrels["q1"]["d1"]);
        Assert.Equal(-1, qrels["q2"]["d2"]);
    }

    [Theory]
    [InlineData("query-id\tcorpus-id\tscore\nq1\td1\n", "line 2: expected 3 tab-separated columns")]
    [InlineData("query-id\tcorpus-id\tscore\nq1 d1 1\n", "line 2: expected 3 tab-separated columns")]
    [InlineData("query-id\tcorpus-id\tscore\nq1\td1\t1\nq1\td2\thigh\n", "line 3: the score 'high' is not an integer")]
    [InlineData("q1\td1\t1\nq1\td1\t2\n", "line 2: query 'q1' already has a judgment for document 'd1'")]
    [InlineData("q1\t\t1\n", "line 1: the query-id and corpus-id must not be empty")]
    public void ReadQrels_MalformedLine_NamesFileAndLine(string content, string expected)
    {
        Write("qrels.tsv", content);
        var path = Path.Combine(_directory, "qrels.tsv");

        var exception = Assert.Throws<InvalidDataException>(() => BeirDataset.ReadQrels(path));

        Assert.StartsWith(path + " " + expected, exception.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"_id\": \"d1\", \"text\": \"ok\"}\n{\"_id\": \"d2\", \"text\": \"unterminated}\n", "line 2: not valid JSON")]
    [InlineData("{\"title\": \"t\", \"text\": \"no id\"}\n", "line 1: the \"_id\" property is missing")]
    [InlineData("{\"_id\": \"d1\"}\n", "line 1: the \"text\" property is missing")]
    [InlineData("{\"_id\": \"d1\", \"text\": 42}\n", "line 1: \"text\" must be a string but is Number")]
    [InlineData("{\"_id\": [1], \"text\": \"x\"}\n", "line 1: \"_id\" must be a string but is Array")]
    [InlineData("[\"d1\", \"text\"]\n", "line 1: expected a JSON object but found Array")]
    [InlineData("{\"_id\": \"d1\", \"text\": \"a\"}\n\n{\"_id\": \"d1\", \"text\": \"b\"}\n", "line 3: _id 'd1' was already used on line 1")]
    public void ReadCorpus_MalformedLine_NamesFileAndLine(string content, string expected)
    {
        Write("corpus.jsonl", content);
        var path = Path.Combine(_directory, "corpus.jsonl");

        var exception = Assert.Throws<InvalidDataException>(() => BeirDataset.ReadCorpus(path));

        Assert.StartsWith(path + " " + expected, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadQueries_MissingText_NamesFileAndLine()
    {
        Write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"fine\"}\n{\"_id\": \"q2\", \"metadata\": {}}\n");
        var path = Path.Combine(_directory, "queries.jsonl");

        var exception = Assert.Throws<InvalidDataException>(() => BeirDataset.ReadQueries(path));

        Assert.Equal(path + " line 2: the \"text\" property is missing.", exception.Message);
    }

    [Fact]
    public void Load_QrelsJudgeUnknownQuery_NamesQueryAndFiles()
    {
        Write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"x\"}\n");
        Write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"x\"}\n");
        Write("qrels/dev.tsv", "query-id\tcorpus-id\tscore\nq1\td1\t1\nq7\td1\t1\n");

        var exception = Assert.Throws<InvalidDataException>(() => BeirDataset.Load(_directory, "dev"));

        Assert.Contains("judges query 'q7'", exception.Message, StringComparison.Ordinal);
        Assert.Contains("queries.jsonl", exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Load_MissingSplit_ThrowsFileNotFound()
    {
        Write("corpus.jsonl", "{\"_id\": \"d1\", \"text\": \"x\"}\n");
        Write("queries.jsonl", "{\"_id\": \"q1\", \"text\": \"x\"}\n");
        Write("qrels/test.tsv", "q1\td1\t1\n");

        var exception = Assert.Throws<FileNotFoundException>(() => BeirDataset.Load(_directory, "train"));

        Assert.Contains("train.tsv", exception.Message, StringComparison.Ordinal);
    }

    private void Write(string relativePath, string content)
    {
        var path = Path.Combine(_directory, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, content);
    }
}
