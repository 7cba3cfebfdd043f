namespace Keel.Tests.Prompts;

public sealed class PromptSplitTests : IDisposable
{
    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    /// <summary>A library whose "triage" prompt has production and canary versions and the given split.</summary>
    private PromptLibrary Library(string split)
    {
        _directory.File("prompts/triage.prompt.md", "# user\nv1");
        PromptLibrary.Load(Path.Combine(_directory.Path, "prompts"), "prompts").SetLabel("triage", "production");
        _directory.File("prompts/triage.prompt.md", "# user\nv2");
        PromptLibrary.Load(Path.Combine(_directory.Path, "prompts"), "prompts").SetLabel("triage", "canary");
        var path = Path.Combine(_directory.Path, "prompts", PromptLockfile.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("splits: {}", "splits:\n  triage:\n" + split, StringComparison.Ordinal));
        return PromptLibrary.Load(Path.Combine(_directory.Path, "prompts"), "prompts");
    }

    [Fact]
    public void Render_SameKey_AlwaysGetsTheSameLabelAndText()
    {
        var library = Library("    production: 50\n    canary: 50\n");

        foreach (var key in Enumerable.Range(0, 200).Select(i => $"user-{i}"))
        {
            var first = library.Render("triage", splitKey: key);
            var again = PromptLibrary.Load(library.Directory).Render("triage", splitKey: key);

            Assert.Equal((first.Label, first.Messages[0].Text), (again.Label, again.Messages[0].Text));
            Assert.Equal(first.Label == "production" ? "v1" : "v2", first.Messages[0].Text);
        }
    }

    [Theory]
    [InlineData(90, 10)]
    [InlineData(50, 50)]
    [InlineData(99, 1)]
    public void Split_TenThousandKeys_FollowTheWeights(int production, int canary)
    {
        var library = Library($"    production: {production}\n    canary: {canary}\n");

        var canaries = Enumerable.Range(0, 10_000).Count(i => library.Render("triage", splitKey: $"session-{i}").Label == "canary");

        // Binomial(10 000, p): four standard deviations either side, at most ±2 points.
        var expected = 10_000.0 * canary / (production + canary);
        var sigma = Math.Sqrt(expected * (1 - ((double)canary / (production + canary))));
        Assert.InRange(canaries, expected - (4 * sigma), expected + (4 * sigma));
    }

    [Fact]
    public void Split_ZeroWeight_NeverPicksThatLabel()
    {
        var library = Library("    production: 1\n    canary: 0\n");

        Assert.All(Enumerable.Range(0, 1000), i => Assert.Equal("production", library.Render("triage", splitKey: i.ToString(System.Globalization.CultureInfo.InvariantCulture)).Label));
    }

    [Fact]
    public void Split_OrderInTheFile_DoesNotMoveKeys()
    {
        var a = Library("    production: 70\n    canary: 30\n");
        var labelsA = Enumerable.Range(0, 500).Select(i => a.Render("triage", splitKey: $"k{i}").Label).ToList();
        var b = Library("    canary: 30\n    production: 70\n");

        Assert.Equal(labelsA, Enumerable.Range(0, 500).Select(i => b.Render("triage", splitKey: $"k{i}").Label));
    }

    [Fact]
    public void Split_IsAFixedFunctionOfNameAndKey()
    {
        // Pinned so that a change to the hash (which would move users between arms on upgrade) fails here; computed
        // independently: int.from_bytes(sha256(b"triage\nuser-0").digest()[:8], "big") % 100 < 50 → canary.
        var split = new PromptSplit([("canary", 50), ("production", 50)]);

        Assert.Equal(["production", "canary", "canary", "production", "production", "canary", "canary", "canary"], Enumerable.Range(0, 8).Select(i => split.Select("triage", $"user-{i}")));
    }

    [Fact]
    public void Render_ExplicitLabelOrNoKey_IgnoresTheSplit()
    {
        var library = Library("    production: 0\n    canary: 1\n");

        Assert.Null(library.Render("triage").Label);
        Assert.Equal("production", library.Render("triage@production", splitKey: "k").Label);
        Assert.Equal("canary", library.Render("triage", splitKey: "k").Label);
    }

    [Theory]
    [InlineData("    production: 90\n    beta: 10\n", "splits.triage: no label 'beta'")]
    [InlineData("    production: 0\n", "splits.triage: the weights add up to 0")]
    [InlineData("    production: ninety\n", "splits.triage.production: expected a whole-number weight")]
    public void Split_Malformed_NamesTheLockfileAndLine(string split, string expected)
    {
        var message = Assert.Throws<PromptException>(() => Library(split)).Message;

        Assert.Matches(@"^prompts/keel\.prompts\.lock\.yaml:\d+: ", message);
        Assert.Contains(expected, message, StringComparison.Ordinal);
    }
}
