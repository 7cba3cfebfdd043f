using Microsoft.Extensions.AI;

namespace Keel.Tests.Prompts;

public sealed class PromptLibraryTests : IDisposable
{
    private const string Greeting = """
        ---
        description: Greets a user.
        parameters: { temperature: 0.5, max_tokens: 50 }
        inputs:
          user: string
        tools:
          - name: get_time
            description: The current time
        ---
        # system
        Be warm.
        # user
        Say hello to {{ user }}.
        """;

    private readonly TempDirectory _directory = new();

    public void Dispose() => _directory.Dispose();

    private string Prompts => Path.Combine(_directory.Path, "prompts");

    private PromptLibrary Load() => PromptLibrary.Load(Prompts, "prompts");

    private void Write(string name, string text) => _directory.File($"prompts/{name}.prompt.md", text);

    [Fact]
    public void Load_Directory_FindsPromptsRecursivelyByName()
    {
        Write("greeting", Greeting);
        Write("team/summarize", "# user\nSummarise.");

        var library = Load();

        Assert.Equal(["greeting", "team/summarize"], library.Names);
        Assert.Equal("prompts/team/summarize.prompt.md", library.Current("team/summarize")!.Source);
    }

    [Fact]
    public void Load_TwoFilesWithOneName_IsAnErrorNamingBoth()
    {
        Write("a", "---\nname: same\n---\nA");
        Write("b", "---\nname: same\n---\nB");

        var message = Assert.Throws<PromptException>(Load).Message;

        Assert.Equal("prompts/b.prompt.md: the prompt name 'same' is also used by prompts/a.prompt.md; names must be unique.", message);
    }

    [Fact]
    public void Load_MissingDirectory_IsEmptyAndRenderSaysWhy()
    {
        var library = Load();

        Assert.Empty(library.Names);
        Assert.Contains("(the directory does not exist)", Assert.Throws<PromptException>(() => library.Render("x")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Render_ByName_CarriesParametersToolsAndIdentityInTheOptions()
    {
        Write("greeting", Greeting);

        var rendered = Load().Render("greeting", new Dictionary<string, object?> { ["user"] = "Ada" });

        Assert.Equal("Say hello to Ada.", rendered.Messages[1].Text);
        Assert.Equal((0.5f, 50), (rendered.Options.Temperature, rendered.Options.MaxOutputTokens));
        Assert.Equal("get_time", Assert.Single(rendered.Options.Tools!).Name);
        Assert.Equal("greeting", rendered.Options.AdditionalProperties![KeelPropertyNames.PromptName]);
        Assert.Equal(rendered.Version, rendered.Options.AdditionalProperties[KeelPropertyNames.PromptVersion]);
        Assert.False(rendered.Options.AdditionalProperties.ContainsKey(KeelPropertyNames.PromptLabel));
        Assert.Null(rendered.Label);
    }

    [Fact]
    public void Label_ThenEditTheFile_OldVersionStillRendersByLabelAndByVersion()
    {
        Write("greeting", Greeting);
        var library = Load();
        var v1 = library.SetLabel("greeting", "production").Version;
        Write("greeting", Greeting.Replace("Be warm.", "Be formal.", StringComparison.Ordinal));

        var reloaded = Load();
        var production = reloaded.Render("greeting@production", new Dictionary<string, object?> { ["user"] = "Ada" });
        var byVersion = reloaded.Render("greeting@" + v1[..6], new Dictionary<string, object?> { ["user"] = "Ada" });
        var current = reloaded.Render("greeting", new Dictionary<string, object?> { ["user"] = "Ada" });

        Assert.Equal(("Be warm.", v1, "production"), (production.Messages[0].Text, production.Version, production.Label));
        Assert.Equal("production", production.Options.AdditionalProperties![KeelPropertyNames.PromptLabel]);
        Assert.Equal(("Be warm.", v1, null), (byVersion.Messages[0].Text, byVersion.Version, byVersion.Label));
        Assert.Equal("Be formal.", current.Messages[0].Text);
        Assert.NotEqual(v1, current.Version);
    }

    [Fact]
    public void Label_StoredVersion_ErrorsNameTheVersionedSource()
    {
        Write("greeting", Greeting);
        Load().SetLabel("greeting", "production");
        Write("greeting", "---\ninputs: { name: string }\n---\nHi {{ name }}");

        var message = Assert.Throws<PromptException>(() => Load().Render("greeting@production")).Message;

        Assert.StartsWith("prompts/greeting.prompt.md@", message, StringComparison.Ordinal);
        Assert.Contains("missing required input 'user'", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Label_Moved_DropsTheVersionNoLabelPointsAt()
    {
        Write("greeting", Greeting);
        var v1 = Load().SetLabel("greeting", "production").Version;
        Write("greeting", Greeting + "\nThanks.");
        var v2 = Load().SetLabel("greeting", "production").Version;

        var lockfile = Load().Lockfile;

        Assert.Equal([v2], lockfile.StoredVersions("greeting"));
        Assert.DoesNotContain(v1, File.ReadAllText(Path.Combine(Prompts, PromptLockfile.FileName)), StringComparison.Ordinal);
    }

    [Fact]
    public void Lockfile_RoundTrip_KeepsTextWithTrailingSpacesTabsAndUnicodeExact()
    {
        var text = "---\ndescription: \"tricky: yes\"\n---\n# system\nline with trailing space \n\tTabbed — ünïcode ✓\n  indented\n\n# user\n---\n\"quoted\" 'single' # not a comment\n";
        Write("tricky", text);
        var version = Load().SetLabel("tricky", "staging").Version;
        File.Delete(Path.Combine(Prompts, "tricky.prompt.md"));

        var (definition, label) = Load().Resolve("tricky@staging");

        Assert.Equal((version, "staging"), (definition.Version, label));
        Assert.Equal(PromptVersion.Normalise(text), definition.Text);
    }

    [Fact]
    public void Lockfile_HandEditedText_IsRejected()
    {
        Write("greeting", Greeting);
        Load().SetLabel("greeting", "production");
        var path = Path.Combine(Prompts, PromptLockfile.FileName);
        File.WriteAllText(path, File.ReadAllText(path).Replace("Be warm.", "Be cold.", StringComparison.Ordinal));

        var message = Assert.Throws<PromptException>(Load).Message;

        Assert.StartsWith("prompts/keel.prompts.lock.yaml:", message, StringComparison.Ordinal);
        Assert.Contains("was edited by hand", message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("beef")]
    [InlineData("has space")]
    public void Label_InvalidName_IsRejected(string label)
    {
        Write("greeting", Greeting);

        Assert.Contains("not a valid label", Assert.Throws<PromptException>(() => Load().SetLabel("greeting", label)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Resolve_UnknownLabel_ListsTheLabelsAndVersion()
    {
        Write("greeting", Greeting);
        var version = Load().SetLabel("greeting", "production").Version;

        var message = Assert.Throws<PromptException>(() => Load().Resolve("greeting@prod")).Message;

        Assert.Equal($"'greeting@prod': greeting has no label or version 'prod'. The file is at version {version}; labels: production → {version}.", message);
    }

    [Fact]
    public void Resolve_PromptWithOnlyLabelledVersions_NeedsALabel()
    {
        Write("greeting", Greeting);
        Load().SetLabel("greeting", "production");
        File.Delete(Path.Combine(Prompts, "greeting.prompt.md"));

        var library = Load();

        Assert.Equal(["greeting"], library.Names);
        Assert.Contains("greeting@production", Assert.Throws<PromptException>(() => library.Resolve("greeting")).Message, StringComparison.Ordinal);
        Assert.Equal("production", library.Resolve("greeting@production").Label);
    }
    [Fact]
    public void RemoveLabel_OneOfSeveral_KeepsTheOtherLabelsTheSplitAndTheirVersions()
    {
        Write("greeting", Greeting);
        var v1 = Load().SetLabel("greeting", "production").Version;
        Load().SetLabel("greeting", "staging");
        Write("greeting", Greeting.Replace("Be warm.", "Be brief.", StringComparison.Ordinal));
        var v2 = Load().SetLabel("greeting", "canary").Version;
        Write("summary", "# user\nSummarise.");
        Load().SetLabel("summary", "production");
        AddSplit("greeting", "production: 90\n    canary: 10");

        var removed = Load().RemoveLabel("greeting", "staging");
        var library = Load();

        Assert.Equal(v1, removed);
        Assert.Equal(new Dictionary<string, string> { ["canary"] = v2, ["production"] = v1 }, library.Lockfile.Labels("greeting"));
        Assert.Equal([("canary", 10), ("production", 90)], library.Lockfile.Split("greeting")!.Arms);
        Assert.Equal([v1, v2], library.Lockfile.StoredVersions("greeting").Order(StringComparer.Ordinal));
        Assert.Single(library.Lockfile.Labels("summary"));
        Assert.Contains("Be warm.", library.Render("greeting@production", new Dictionary<string, object?> { ["user"] = "Ada" }).Messages[0].Text, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveLabel_LastLabelOfAVersion_DropsItsStoredText()
    {
        Write("greeting", Greeting);
        var v1 = Load().SetLabel("greeting", "production").Version;
        Write("greeting", Greeting.Replace("Be warm.", "Be brief.", StringComparison.Ordinal));
        var v2 = Load().SetLabel("greeting", "canary").Version;

        Load().RemoveLabel("greeting", "production");
        var library = Load();

        Assert.Equal([v2], library.Lockfile.StoredVersions("greeting"));
        Assert.DoesNotContain(v1, File.ReadAllText(Path.Combine(Prompts, PromptLockfile.FileName)), StringComparison.Ordinal);
        Assert.Contains("no label or version 'production'", Assert.Throws<PromptException>(() => library.Resolve("greeting@production")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void RemoveLabel_OnlyLabelOfAPromptWithoutFile_RemovesThePrompt()
    {
        Write("greeting", Greeting);
        Write("summary", "# user\nSummarise.");
        Load().SetLabel("greeting", "production");
        Load().SetLabel("summary", "production");
        File.Delete(Path.Combine(Prompts, "greeting.prompt.md"));

        Load().RemoveLabel("greeting", "production");

        Assert.Equal(["summary"], Load().Names);
    }

    [Fact]
    public void RemoveLabel_UnknownLabel_ListsTheLabels()
    {
        Write("greeting", Greeting);
        Load().SetLabel("greeting", "production");

        var message = Assert.Throws<PromptException>(() => Load().RemoveLabel("greeting", "prod")).Message;

        Assert.Equal("prompts/keel.prompts.lock.yaml: greeting has no label 'prod' (labels: production).", message);
    }

    [Fact]
    public void RemoveLabel_UnknownPrompt_ListsThePrompts()
    {
        Write("greeting", Greeting);

        var message = Assert.Throws<PromptException>(() => Load().RemoveLabel("greting", "production")).Message;

        Assert.Equal("no prompt named 'greting' in prompts; prompts: greeting.", message);
    }

    [Fact]
    public void RemoveLabel_UsedByASplit_FailsNamingTheSplitAndTheFixAndWritesNothing()
    {
        Write("greeting", Greeting);
        Load().SetLabel("greeting", "production");
        Load().SetLabel("greeting", "canary");
        AddSplit("greeting", "production: 90\n    canary: 10");
        var lockfile = Path.Combine(Prompts, PromptLockfile.FileName);
        var before = File.ReadAllText(lockfile);

        var message = Assert.Throws<PromptException>(() => Load().RemoveLabel("greeting", "canary")).Message;

        Assert.Equal(
            "prompts/keel.prompts.lock.yaml: cannot remove greeting@canary: the split splits.greeting (canary: 10, production: 90) still sends traffic to it; "
            + "delete the line 'canary: …' under splits.greeting in prompts/keel.prompts.lock.yaml (or delete the whole split), then remove the label.",
            message);
        Assert.Equal(before, File.ReadAllText(lockfile));
    }

    [Fact]
    public void RemoveLabel_TheOnlyWeightedArmOfASplit_SaysToDeleteTheSplit()
    {
        Write("greeting", Greeting);
        Load().SetLabel("greeting", "production");
        Load().SetLabel("greeting", "canary");
        AddSplit("greeting", "production: 1\n    canary: 0");

        var message = Assert.Throws<PromptException>(() => Load().RemoveLabel("greeting", "production")).Message;

        Assert.EndsWith("still sends traffic to it; delete splits.greeting from prompts/keel.prompts.lock.yaml, then remove the label.", message, StringComparison.Ordinal);
        Assert.Equal("canary", Load().Resolve("greeting@canary").Label);
    }

    private void AddSplit(string name, string arms)
    {
        var lockfile = Path.Combine(Prompts, PromptLockfile.FileName);
        File.WriteAllText(lockfile, File.ReadAllText(lockfile).Replace("splits: {}", $"splits:\n  {name}:\n    {arms}", StringComparison.Ordinal));
    }
}
