namespace Keel.Bench;

/// <summary>Every result in full (value, repairs, errors) for the corpus texts, seeded mutations and the speed documents,
/// under two policies: diff the file before and after a parser change that must keep behaviour.</summary>
internal static class StructuredDiffDump
{
    public static void Run(string peers, int count, string outPath)
    {
        var cases = StructuredCorpus.Load(peers);
        var schemas = StructuredCorpus.Schemas();
        using var w = new StreamWriter(outPath, false, new System.Text.UTF8Encoding(false, false));
        var strict = StructuredPolicy.Lenient.Deny(StructuredRule.SingleQuotes).Deny(StructuredRule.UnquotedKey);
        foreach (var variant in StructuredSpeedBench.VariantsForDiff)
        {
            StructuredParser.TryParse(variant.Make(StructuredSpeedBench.DocumentForDiff(3000)), schemas["ExtractPeople"], out var r);
            w.WriteLine(System.Text.Json.JsonSerializer.Serialize($"{variant.Name} {r.Succeeded} {r.Value?.ToJsonString()}"));
            foreach (var d in r.Repairs) { w.WriteLine(System.Text.Json.JsonSerializer.Serialize("  R " + d + " | " + d.Path + " | " + d.Before + " | " + d.After)); }
        }

        for (var i = 0; i < count; i++)
        {
            var random = new Random((7919 * i) + 7);
            var c = cases[random.Next(cases.Count)];
            var text = i < cases.Count ? cases[i].Text : StructuredFuzzBench.Mutate(c.Text, random);
            var schema = schemas[i < cases.Count ? cases[i].Function : c.Function];
            foreach (var policy in new[] { StructuredPolicy.Lenient, strict })
            {
                StructuredParser.TryParse(text, schema, policy, out var r);
                w.WriteLine(System.Text.Json.JsonSerializer.Serialize($"#{i} {text}"));
                w.WriteLine(System.Text.Json.JsonSerializer.Serialize($"#{i} {r.Succeeded} {r.Value?.ToJsonString()}"));
                foreach (var d in r.Repairs) { w.WriteLine(System.Text.Json.JsonSerializer.Serialize("  R " + d + " | " + d.Path + " | " + d.Before + " | " + d.After)); }
                foreach (var d in r.Errors) { w.WriteLine(System.Text.Json.JsonSerializer.Serialize("  E " + d + " | " + d.Path + " | " + d.Before + " | " + d.After)); }
            }
        }
    }
}
