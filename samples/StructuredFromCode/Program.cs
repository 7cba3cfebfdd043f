// Structured outputs from code: parse raw model text, read a stream as it grows, and ask a model (the simulator) for a typed value.
// Run from the repository root: dotnet run --project samples/StructuredFromCode
using System.ClientModel;
using System.ClientModel.Primitives;
using System.Text.Json.Serialization;
using Keel;
using Keel.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;
using ChatClient = OpenAI.Chat.ChatClient;

// 1. Parse: raw model text in, a schema-valid value out, every repair reported.
var schema = StructuredSchema.FromJson("""
    {"type": "object", "additionalProperties": false,
     "properties": {
       "name": {"type": "string"},
       "age": {"type": "integer", "minimum": 0},
       "priority": {"type": "string", "enum": ["LOW", "HIGH"]},
       "email": {"type": ["string", "null"], "format": "email"}
     },
     "required": ["name", "age", "priority"]}
    """);
var modelText = """
    Sure! Here is the person:
    ```json
    {name: 'Ada Lovelace', "age": "36", "priority": "**High**", "email": "ada@example.com", "confidence": 0.9,}
    ```
    """;
if (StructuredParser.TryParse(modelText, schema, out var result))
{
    Console.WriteLine(result.Value!.ToJsonString());
    foreach (var repair in result.Repairs)
    {
        Console.WriteLine($"  repair {repair}");
    }
}

// The same text under the strict policy: every repair it needed is an error.
StructuredParser.TryParse(modelText, schema, StructuredPolicy.Strict, out var strict);
Console.WriteLine($"strict: {strict.Errors.Count} errors, first: {strict.Errors[0]}");

// Typed: the schema comes from the type.
var person = StructuredParser.Parse<Person>("""{"name": "Ada", "age": 36.0, "priority": "high"}""");
Console.WriteLine($"typed: {person}");

// 2. Stream: partial values that only fill in, then the same result as a parse of the whole text.
var stream = new StructuredStreamParser(schema);
foreach (var chunk in Chunks("""{"name": "Grace Hopper", "age": 85, "priority": "HIGH", "email": null}""", 8))
{
    stream.Append(chunk);
    if (stream.Flush())
    {
        Console.WriteLine($"partial: {stream.Partial!.ToJsonString()}");
    }
}

Console.WriteLine($"complete: {stream.Complete().Value!.ToJsonString()}");

// 3. With a model: the simulator answers with broken JSON, GetStructuredAsync repairs and validates it.
await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions
{
    ScriptYaml = """
        rules:
          - reply: "Here you go: {'name': 'Ada Lovelace', 'age': 36, 'priority': 'high',}"
        """,
});
var openAI = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-test"), new OpenAIClientOptions
{
    Endpoint = new Uri(sim.BaseUrl, "v1"),
    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
});
IChatClient client = openAI.AsIChatClient();
var response = await client.GetStructuredAsync<Person>(
    [new ChatMessage(ChatRole.User, "Extract the person: Ada Lovelace, 36, needs attention now.")],
    new StructuredOptions { MaxReasks = 1 });
Console.WriteLine($"model: {response.Value} after {response.Attempts} attempt(s), {response.Repairs.Count} repairs");

await foreach (var partial in client.GetStructuredStreamAsync<Person>([new ChatMessage(ChatRole.User, "Extract the person again.")]))
{
    Console.WriteLine($"streamed: {partial}");
}

static IEnumerable<string> Chunks(string text, int size)
{
    for (var i = 0; i < text.Length; i += size)
    {
        yield return text.Substring(i, Math.Min(size, text.Length - i));
    }
}

internal enum Priority
{
    Low,
    High,
}

internal sealed record Person(string Name, int Age, [property: JsonConverter(typeof(JsonStringEnumConverter<Priority>))] Priority Priority);
