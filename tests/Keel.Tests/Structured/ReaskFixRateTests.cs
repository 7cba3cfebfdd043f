using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Structured;

/// <summary>One re-ask fixes validation-only failures, because its message names the path, the expected and the
/// received value: the fake model corrects itself only when the message says exactly that.</summary>
public sealed class ReaskFixRateTests
{
    private const string Schema = """
        {"type":"object","properties":{
          "name":{"type":"string"},
          "age":{"type":"integer","minimum":0,"maximum":150},
          "priority":{"type":"string","enum":["LOW","MEDIUM","HIGH"]},
          "score":{"type":"number","minimum":0,"maximum":1},
          "tags":{"type":"array","items":{"type":"string"}},
          "email":{"type":"string"}
        },"required":["name","age","priority","score","tags","email"]}
        """;

    private static readonly string[] Names = ["Ada Lovelace", "Alan Turing", "Grace Hopper", "Edsger Dijkstra", "Barbara Liskov", "Donald Knuth", "Frances Allen", "Ken Thompson"];

    public static IEnumerable<Damage> Cases()
    {
        var kinds = new[] { "enum", "missing", "range-age", "range-score", "string-for-number" };
        var fields = new[] { "name", "age", "priority", "score", "tags", "email" };
        for (var i = 0; i < 40; i++)
        {
            var valid = new JsonObject
            {
                ["name"] = Names[i % Names.Length],
                ["age"] = 20 + i,
                ["priority"] = new[] { "LOW", "MEDIUM", "HIGH" }[i % 3],
                ["score"] = Math.Round(0.1 + (i % 9) / 10.0, 1),
                ["tags"] = new JsonArray([.. Enumerable.Range(0, i % 3).Select(t => (JsonNode?)$"tag{t}")]),
                ["email"] = $"user{i}@example.com",
            };
            var broken = (JsonObject)valid.DeepClone();
            var kind = kinds[i % kinds.Length];
            Damage damage = kind switch
            {
                "enum" => new Damage(i, valid, broken, "$.priority", [.. new[] { "LOW", "MEDIUM", "HIGH" }.Select(v => $"\"{v}\"")], new[] { "URGENT", "ASAP", "CRITICAL-ish" }[i % 3]),
                "missing" => new Damage(i, valid, broken, "$." + fields[i % fields.Length], [$"'{fields[i % fields.Length]}'"], null),
                "range-age" => new Damage(i, valid, broken, "$.age", ["150"], (151 + i).ToString(CultureInfo.InvariantCulture)),
                "range-score" => new Damage(i, valid, broken, "$.score", ["1"], (1.5 + i).ToString(CultureInfo.InvariantCulture)),
                _ => new Damage(i, valid, broken, "$.age", ["integer"], new[] { "about thirty", "unknown", "thirty-ish" }[i % 3]),
            };
            switch (kind)
            {
                case "enum":
                    broken["priority"] = damage.Received;
                    break;
                case "missing":
                    broken.Remove(fields[i % fields.Length]);
                    break;
                case "range-age":
                    broken["age"] = 151 + i;
                    break;
                case "range-score":
                    broken["score"] = 1.5 + i;
                    break;
                default:
                    broken["age"] = damage.Received;
                    break;
            }

            yield return damage;
        }
    }

    [Fact]
    public async Task OneReask_FixesAtLeast90PercentOfValidationOnlyFailures()
    {
        var cases = Cases().ToList();
        var fixedCount = 0;
        foreach (var damage in cases)
        {
            var client = new ScriptedChatClient((messages, _) => ScriptedChatClient.Reply(
                messages[^1].Role == ChatRole.User && damage.Understands(messages[^1].Text) && messages.Count > 2 ? damage.Valid.ToJsonString() : damage.Broken.ToJsonString()));
            try
            {
                var response = await client.GetStructuredAsync([new ChatMessage(ChatRole.User, "Extract the person.")], Schema, new StructuredOptions { MaxReasks = 1 }, TestContext.Current.CancellationToken);
                Assert.Equal(2, response.Attempts); // the first answer failed validation: no silent coercion
                if (JsonNode.DeepEquals(response.Value, damage.Valid))
                {
                    fixedCount++;
                }
            }
            catch (StructuredOutputException ex) when (ex.Kind == StructuredErrorKind.Invalid)
            {
                TestContext.Current.TestOutputHelper?.WriteLine($"case {damage.Id} ({damage.Path}) not fixed: {ex.Message}");
            }
        }

        var rate = (double)fixedCount / cases.Count;
        TestContext.Current.TestOutputHelper?.WriteLine($"one re-ask fixed {fixedCount}/{cases.Count} = {rate:P1}");
        Assert.True(cases.Count >= 30);
        Assert.True(rate >= 0.9, $"one re-ask fixed only {fixedCount}/{cases.Count}");
    }

    [Fact]
    public void FakeModel_VagueMessage_IsNotUnderstood()
    {
        foreach (var damage in Cases())
        {
            Assert.False(damage.Understands("Your answer does not fit the schema. Please answer again with valid JSON."));
            Assert.False(damage.Understands($"There is an error at {damage.Path}. Please fix it."));
        }
    }

    /// <summary>A validation-only failure and what a re-ask must name for the fake model to fix it.</summary>
    public sealed record Damage(int Id, JsonObject Valid, JsonObject Broken, string Path, string[] Expected, string? Received)
    {
        public bool Understands(string message) =>
            message.Contains(Path + ":", StringComparison.Ordinal)
            && Expected.All(e => message.Contains(e, StringComparison.Ordinal))
            && (Received is null || message.Contains(Received, StringComparison.Ordinal));
    }
}
