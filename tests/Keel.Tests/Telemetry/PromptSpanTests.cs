using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Telemetry;

/// <summary>A call made with a rendered prompt through a configured model (the real OpenAI SDK against the simulator)
/// carries the prompt's identity on its GenAI span; a call without one carries none of it.</summary>
public sealed class PromptSpanTests : IAsyncLifetime, IDisposable
{
    // Other tests make Keel calls in parallel: each test runs under its own parent span and keeps only its trace's spans.
    private readonly ActivitySource _testSource = new("Keel.Tests.PromptSpan");
    private readonly ConcurrentBag<Activity> _spans = [];
    private readonly ActivityListener _listener;
    private SimulatedDirectory? _simulated;

    private TempDirectory Directory => _simulated!.Directory;

    public PromptSpanTests()
    {
        _listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name is KeelTelemetry.SourceName or "Keel.Tests.PromptSpan",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = _spans.Add,
        };
        ActivitySource.AddActivityListener(_listener);
    }

    public async ValueTask InitializeAsync()
    {
        _simulated = await SimulatedDirectory.StartOpenAiAsync("rules:\n  - match: { contains: Ada }\n    reply: \"Hello, Ada!\"\n");
        Directory.File("prompts/greet.prompt.md", "---\nmodel: oa\ninputs: { user: string }\n---\n# user\nSay hello to {{ user }}.\n");
        PromptLibrary.Load(Path.Combine(Directory.Path, "prompts")).SetLabel("greet", "production");
    }

    public async ValueTask DisposeAsync() => await _simulated!.DisposeAsync();

    public void Dispose()
    {
        _listener.Dispose();
        _testSource.Dispose();
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithRenderedPrompt_SpanCarriesNameVersionAndLabel(bool streaming)
    {
        using var keel = KeelFixture.Open(Directory);
        var prompt = keel.Get<PromptLibrary>().Render("greet@production", new Dictionary<string, object?> { ["user"] = "Ada" });

        var span = await CallAsync(keel, prompt.Messages, prompt.Options, streaming);

        Assert.Equal("greet", span.GetTagItem("gen_ai.prompt.name"));
        Assert.Equal(prompt.Version, span.GetTagItem("keel.prompt.version"));
        Assert.Equal("production", span.GetTagItem("keel.prompt.label"));
        Assert.Equal("gpt-4o-mini", span.GetTagItem("gen_ai.request.model"));
    }

    [Fact]
    public async Task Call_WithPromptByVersion_SpanHasNoLabel()
    {
        using var keel = KeelFixture.Open(Directory);
        var library = keel.Get<PromptLibrary>();
        var version = library.Render("greet", new Dictionary<string, object?> { ["user"] = "Ada" }).Version;
        var prompt = library.Render($"greet@{version}", new Dictionary<string, object?> { ["user"] = "Ada" });

        var span = await CallAsync(keel, prompt.Messages, prompt.Options, streaming: false);

        Assert.Equal(version, span.GetTagItem("keel.prompt.version"));
        Assert.Null(span.GetTagItem("keel.prompt.label"));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Call_WithoutPrompt_SpanHasNoPromptAttributes(bool streaming)
    {
        using var keel = KeelFixture.Open(Directory);

        var span = await CallAsync(keel, [new ChatMessage(ChatRole.User, "Hi Ada")], null, streaming);

        Assert.DoesNotContain(span.TagObjects, t => t.Key.Contains("prompt", StringComparison.Ordinal));
    }

    private async Task<Activity> CallAsync(KeelFixture keel, IList<ChatMessage> messages, ChatOptions? options, bool streaming)
    {
        var client = keel.Get<ModelCatalog>().GetChatClient("oa");
        ActivityTraceId trace;
        using (var parent = _testSource.StartActivity("test"))
        {
            trace = parent!.TraceId;
            var text = streaming
                ? string.Concat(await client.GetStreamingResponseAsync(messages, options).Select(u => u.Text).ToListAsync())
                : (await client.GetResponseAsync(messages, options)).Text;
            Assert.Equal("Hello, Ada!", text);
        }

        return Assert.Single(_spans, s => s.TraceId == trace && s.Source.Name == KeelTelemetry.SourceName);
    }
}
