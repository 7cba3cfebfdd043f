using System.Text.Json;

namespace Keel.Tests.Cli;

public sealed class ParseCommandStructuredTests : IDisposable
{
    private const string Schema = """{"type":"object","properties":{"name":{"type":"string"},"age":{"type":"integer","minimum":0}},"required":["name","age"]}""";
    private readonly TempDirectory _directory = new();

    public ParseCommandStructuredTests() => _directory.File("person.json", Schema);

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task Parse_RepairableText_PrintsTheValidJsonAndExitsZero()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "Sure:\n```json\n{name: 'Ada', age: \"36\",}\n```", "parse", "--schema", "person.json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("Ada", json.RootElement.GetProperty("name").GetString());
        Assert.Equal(36, json.RootElement.GetProperty("age").GetInt32());
        Assert.Equal("", run.Error);
    }

    [Fact]
    public async Task Parse_Explain_PrintsTheRepairsOnStderr()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "{name: 'Ada', age: \"36\"}", "parse", "--schema", "person.json", "--explain");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("UnquotedKey", run.Error, StringComparison.Ordinal);
        Assert.Contains("StringToNumber", run.Error, StringComparison.Ordinal);
        Assert.Contains("$.age", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_InvalidValue_ExitsNonZeroWithTheErrorsOnStderr()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "{\"name\": \"Ada\", \"age\": -3}", "parse", "--schema", "person.json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Equal("", run.Out);
        Assert.Contains("$.age", run.Error, StringComparison.Ordinal);
        Assert.Contains("Range", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_Json_PrintsAReport()
    {
        var run = await CliRunner.RunWithInputAsync(_directory.Path, "{'name': 'Ada', 'age': 36}", "parse", "--schema", "person.json", "--json");

        Assert.Equal(0, run.ExitCode);
        using var json = JsonDocument.Parse(run.Out);
        Assert.True(json.RootElement.GetProperty("ok").GetBoolean());
        Assert.Equal("Ada", json.RootElement.GetProperty("value").GetProperty("name").GetString());
        Assert.NotEqual(0, json.RootElement.GetProperty("repairs").GetArrayLength());
    }

    [Fact]
    public async Task Parse_MalformedSchema_NamesTheFileAndTheProblem()
    {
        _directory.File("bad.json", """{"type": "objekt"}""");

        var run = await CliRunner.RunWithInputAsync(_directory.Path, "{}", "parse", "--schema", "bad.json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("bad.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("objekt", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_SchemaNotJson_NamesTheFile()
    {
        _directory.File("broken.json", "{\"type\": ");

        var run = await CliRunner.RunWithInputAsync(_directory.Path, "{}", "parse", "--schema", "broken.json");

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("broken.json", run.Error, StringComparison.Ordinal);
        Assert.Contains("not valid JSON", run.Error, StringComparison.Ordinal);
    }
}
