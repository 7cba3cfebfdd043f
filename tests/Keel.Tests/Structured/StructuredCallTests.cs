using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;
using Microsoft.ML.Tokenizers;

namespace Keel.Tests.Structured;

public sealed class StructuredCallTests
{
    /// <summary>BAML's Person example (../shared/peers/structured-bench/baml_src/extract.baml) as a JSON Schema.</summary>
    internal const string PersonSchema = """
        {"type":"object","properties":{
          "name":{"type":"string","description":"full name"},
          "age":{"type":"integer"},
          "score":{"type":"number"},
          "active":{"type":"boolean"},
          "priority":{"type":"string","enum":["LOW","MEDIUM","HIGH"]},
          "tags":{"type":"array","items":{"type":"string"}},
          "address":{"type":["object","null"],"properties":{
            "street":{"type":"string"},"city":{"type":"string"},"zip":{"type":["string","null"]}},
            "required":["street","city","zip"]},
          "nickname":{"type":["string","null"]}
        },"required":["name","age","score","active","priority","tags","address","nickname"]}
        """;

    [Fact]
    public void RenderCompact_BamlPerson_IsAtMost94Tokens()
    {
        var rendering = StructuredChatClientExtensions.RenderCompact(StructuredSchema.FromJson(PersonSchema));
        var prompt = StructuredReask.Instruction(rendering);
        var tokenizer = TiktokenTokenizer.CreateForModel("gpt-4");

        Assert.Equal("""{ name: string, age: int, score: float, active: bool, priority: "LOW" | "MEDIUM" | "HIGH", tags: string[], address: { street: string, city: string, zip: string | null } | null, nickname: string | null }""", rendering);
        var tokens = tokenizer.CountTokens(prompt);
        TestContext.Current.TestOutputHelper?.WriteLine($"Person rendering: {tokenizer.CountTokens(rendering)} tokens; with the instruction: {tokens}");
        Assert.True(tokens <= 94, $"the Person prompt takes {tokens} tokens, more than BAML's 94");
    }

    [Fact]
    public void RenderCompact_OptionalAndRange_MarksThem()
    {
        var schema = StructuredSchema.FromJson("""{"type":"object","properties":{"age":{"type":"integer","minimum":0,"maximum":150},"pets":{"type":"array","items":{"anyOf":[{"type":"string"},{"type":"integer"}]}}},"required":["age"]}""");

        Assert.Equal("{ age: int (0..150), pets?: (string | int)[] }", StructuredChatClientExtensions.RenderCompact(schema));
    }

    [Fact]
    public async Task GetStructuredAsync_Typed_PutsCompactSchemaInPromptAndDeserializes()
    {
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("Sure!\n```json\n{\"City\": \"Oslo\", \"Zip\": \"0150\",}\n```"));

        var response = await client.GetStructuredAsync<Place>([new ChatMessage(ChatRole.User, "Where?")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(new Place("Oslo", "0150"), response.Value);
        Assert.Equal(1, response.Attempts);
        Assert.NotEmpty(response.Repairs);
        var system = client.Calls[0].Messages[0];
        Assert.Equal(ChatRole.System, system.Role);
        Assert.Contains("city: string", system.Text, StringComparison.Ordinal);
        Assert.Null(client.Calls[0].Options?.ResponseFormat);
    }

    [Fact]
    public async Task GetStructuredAsync_OpenAiProvider_UsesNativeStrictSchema()
    {
        var schema = """{"type":"object","properties":{"a":{"type":"integer"},"b":{"type":"string"}},"required":["a"]}""";
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"a": 1, "b": null}"""), provider: "openai");

        var response = await client.GetStructuredAsync([new ChatMessage(ChatRole.User, "x")], schema, cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(1, response.Value!["a"]!.GetValue<int>());
        var format = Assert.IsType<ChatResponseFormatJson>(client.Calls[0].Options!.ResponseFormat);
        var strict = JsonNode.Parse(format.Schema!.Value.GetRawText())!;
        Assert.Equal("""["a","b"]""", strict["required"]!.ToJsonString());
        Assert.False(strict["additionalProperties"]!.GetValue<bool>());
        Assert.Equal("""["string","null"]""", strict["properties"]!["b"]!["type"]!.ToJsonString());
        Assert.Single(client.Calls[0].Messages);
    }

    [Fact]
    public async Task GetStructuredAsync_FinishReasonLength_ThrowsTruncated()
    {
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"City": "Oslo", "Zip": "01""", ChatFinishReason.Length));

        var ex = await Assert.ThrowsAsync<StructuredOutputException>(() => client.GetStructuredAsync<Place>([new ChatMessage(ChatRole.User, "x")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StructuredErrorKind.Truncated, ex.Kind);
        Assert.Single(client.Calls);
    }

    [Theory]
    [InlineData("")]
    [InlineData("I'm sorry, but I can't help with that request.")]
    [InlineData("I cannot share personal details about that person.")]
    public async Task GetStructuredAsync_Refusal_ThrowsRefusedWithoutReask(string answer)
    {
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply(answer));

        var ex = await Assert.ThrowsAsync<StructuredOutputException>(() => client.GetStructuredAsync<Place>([new ChatMessage(ChatRole.User, "x")], cancellationToken: TestContext.Current.CancellationToken));

        Assert.Equal(StructuredErrorKind.Refused, ex.Kind);
        Assert.Single(client.Calls);
    }

    [Fact]
    public async Task GetStructuredAsync_StillInvalidAfterReasks_ThrowsInvalidWithErrors()
    {
        var client = new ScriptedChatClient((_, _) => ScriptedChatClient.Reply("""{"City": "Oslo"}"""));

        var ex = await Assert.ThrowsAsync<StructuredOutputException>(() => client.GetStructuredAsync<Place>([new ChatMessage(ChatRole.User, "x")], new StructuredOptions { MaxReasks = 2 }, TestContext.Current.CancellationToken));

        Assert.Equal(StructuredErrorKind.Invalid, ex.Kind);
        Assert.Equal(3, ex.Attempts);
        Assert.Contains(ex.Errors, e => e.Path == "$.zip" && e.Rule == StructuredRule.Required);
    }

    [Fact]
    public async Task GetStructuredAsync_Reask_QuotesPreviousAnswerAndNamesErrors()
    {
        var client = new ScriptedChatClient((messages, _) => ScriptedChatClient.Reply(messages.Count < 3 ? """{"City": "Oslo"}""" : """{"City": "Oslo", "Zip": "0150"}"""));

        var response = await client.GetStructuredAsync<Place>([new ChatMessage(ChatRole.User, "x")], cancellationToken: TestContext.Current.CancellationToken);

        Assert.Equal(2, response.Attempts);
        Assert.Equal(20, response.Usage!.InputTokenCount);
        var second = client.Calls[1].Messages;
        Assert.Equal(ChatRole.Assistant, second[^2].Role);
        Assert.Equal("""{"City": "Oslo"}""", second[^2].Text);
        Assert.Contains("$.zip", second[^1].Text, StringComparison.Ordinal);
        Assert.Contains("'zip' is missing", second[^1].Text, StringComparison.Ordinal);
    }

    internal sealed record Place(string City, string Zip);
}
