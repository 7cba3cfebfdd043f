using Keel.Tests.Cli;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Prompts;

/// <summary>A prompt from <c>services.AddKeel()</c>, sent through a configured model (the real OpenAI SDK against the
/// simulator): the trace records the prompt's name, version and label.</summary>
public sealed class PromptTracingTests : IAsyncLifetime
{
    private SimulatedDirectory? _simulated;

    private TempDirectory Directory => _simulated!.Directory;

    public async ValueTask InitializeAsync()
    {
        _simulated = await SimulatedDirectory.StartOpenAiAsync("rules:\n  - match: { contains: Ada }\n    reply: \"Hello, Ada!\"\n", "prompts:\n  path: my-prompts\n");
        Directory.File("my-prompts/greet.prompt.md", "---\nmodel: oa\ninputs: { user: string }\n---\n# system\nBe warm.\n# user\nSay hello to {{ user }}.\n");
        var library = PromptLibrary.Load(Path.Combine(Directory.Path, "my-prompts"));
        library.SetLabel("greet", "production");
        library.SetLabel("greet", "canary");
        var lockfile = Path.Combine(Directory.Path, "my-prompts", PromptLockfile.FileName);
        await File.WriteAllTextAsync(lockfile, (await File.ReadAllTextAsync(lockfile)).Replace("splits: {}", "splits:\n  greet: { production: 1, canary: 1 }", StringComparison.Ordinal));
    }

    public async ValueTask DisposeAsync() => await _simulated!.DisposeAsync();

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithRenderedPrompt_TraceRecordsNameVersionAndLabel(bool streaming)
    {
        using var keel = KeelFixture.Open(Directory);
        var prompt = keel.Get<PromptLibrary>().Render("greet", new Dictionary<string, object?> { ["user"] = "Ada" }, splitKey: "session-42");
        var client = keel.Get<ModelCatalog>().GetChatClient(prompt.Model!);

        var text = streaming
            ? string.Concat(await client.GetStreamingResponseAsync(prompt.Messages, prompt.Options).Select(u => u.Text).ToListAsync())
            : (await client.GetResponseAsync(prompt.Messages, prompt.Options)).Text;
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.Equal("Hello, Ada!", text);
        Assert.NotNull(prompt.Label);
        Assert.Equal(("greet", prompt.Version, prompt.Label), (trace.PromptName, trace.PromptVersion, trace.PromptLabel));

        var shown = await CliRunner.RunAsync(Directory.Path, "traces", "show", trace.Id);
        Assert.Equal(0, shown.ExitCode);
        Assert.Matches(@"PromptName\s+greet", shown.Console);
        Assert.Matches($@"PromptVersion\s+{prompt.Version}", shown.Console);
        Assert.Matches($@"PromptLabel\s+{prompt.Label}", shown.Console);

        var listed = await CliRunner.RunAsync(Directory.Path, "traces", "list");
        Assert.Contains("prompt", listed.Console, StringComparison.Ordinal);
        Assert.Contains($"greet@{prompt.Label}", listed.Console, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Call_WithoutPrompt_LeavesThePromptColumnsEmpty()
    {
        using var keel = KeelFixture.Open(Directory);

        await keel.Get<ModelCatalog>().GetChatClient("oa").GetResponseAsync("Hi Ada");
        await keel.Get<TraceWriter>().FlushAsync();
        var trace = Assert.Single(await keel.Get<ITraceStore>().ListAsync(10));

        Assert.Equal((null, null, null), (trace.PromptName, trace.PromptVersion, trace.PromptLabel));
        Assert.DoesNotContain("prompt", (await CliRunner.RunAsync(Directory.Path, "traces", "list")).Console, StringComparison.Ordinal);
    }
}
