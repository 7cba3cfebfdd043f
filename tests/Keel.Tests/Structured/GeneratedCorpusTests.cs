using System.Globalization;
using System.Text.Json.Nodes;

namespace Keel.Tests.Structured;

/// <summary>Keel's own corpus (<see cref="GeneratedCorpus"/>): ≥ 95% correct and not one silently wrong value.</summary>
public sealed class GeneratedCorpusTests
{
    [Fact]
    public void TryParse_GeneratedCorpus_AtLeast95PercentCorrectAndNoneSilentlyWrong()
    {
        var cases = GeneratedCorpus.Cases;
        var correct = 0;
        var silentWrong = new List<string>();
        var missed = new List<string>();
        foreach (var c in cases)
        {
            var ok = StructuredParser.TryParse(c.Input, c.Schema, out var result);
            if (c.Expect is null)
            {
                if (ok)
                {
                    silentWrong.Add($"{c.Id}: must fail, gave {result.Value?.ToJsonString()}");
                }
                else
                {
                    correct++;
                }
            }
            else if (!ok)
            {
                missed.Add($"{c.Id}: {string.Join("; ", result.Errors)}");
            }
            else if (JsonAssert.Same(JsonNode.Parse(c.Expect), result.Value))
            {
                correct++;
            }
            else
            {
                silentWrong.Add($"{c.Id}: expected {c.Expect}, got {result.Value?.ToJsonString()}");
            }
        }

        var summary = string.Create(CultureInfo.InvariantCulture, $"generated corpus: {correct}/{cases.Count} correct ({100.0 * correct / cases.Count:0.0}%), {silentWrong.Count} silently wrong, {missed.Count} failed where a value was expected");
        TestContext.Current.TestOutputHelper?.WriteLine(summary);
        Assert.True(cases.Count >= 300, $"only {cases.Count} generated cases");
        Assert.True(silentWrong.Count == 0, summary + "\n" + string.Join("\n", silentWrong));
        Assert.True(correct >= cases.Count * 0.95, summary + "\n" + string.Join("\n", missed));
    }

    [Fact]
    public void TryParse_SeededMutationsAndTruncationsOfCorpusTexts_NeverThrow()
    {
        var random = new Random(20260402);
        var texts = GeneratedCorpus.Cases.Select(c => (c.Input, c.Schema))
            .Concat(StructuredCorpus.Cases.Select(c => (c.Input, StructuredCorpus.Schema(c.Schema))))
            .ToList();
        const string Noise = "{}[]\"',:\\`\n tTfFnN0-.9/*#“”<>";
        var runs = 0;
        for (var i = 0; i < 4000; i++)
        {
            var (input, schema) = texts[random.Next(texts.Count)];
            var chars = input.ToCharArray().ToList();
            var edits = random.Next(1, 5);
            for (var e = 0; e < edits && chars.Count > 0; e++)
            {
                var at = random.Next(chars.Count);
                switch (random.Next(4))
                {
                    case 0:
                        chars.RemoveAt(at);
                        break;
                    case 1:
                        chars.Insert(at, Noise[random.Next(Noise.Length)]);
                        break;
                    case 2:
                        chars[at] = Noise[random.Next(Noise.Length)];
                        break;
                    default:
                        chars.RemoveRange(at, chars.Count - at);
                        break;
                }
            }

            var mutated = new string([.. chars]);
            var ok = StructuredParser.TryParse(mutated, schema, out var result);
            Assert.Equal(ok, result.Succeeded);
            Assert.True(ok ? result.Value is not null : result.Errors.Count > 0);
            runs++;
        }

        Assert.Equal(4000, runs);
    }
}
