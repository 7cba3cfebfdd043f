// Drive the official OpenAI and Anthropic SDKs against the simulator, offline, with a scripted fault.
// Run from the repository root: dotnet run --project samples/SimulatorFromCode
using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Keel.Simulator;
using Microsoft.Extensions.AI;
using OpenAI;
using OpenAI.Chat;

await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions { ScriptPath = "samples/sim/refunds.yaml" });

// OpenAI: the endpoint is the simulator's /v1.
var openAI = new ChatClient("gpt-4o-mini", new ApiKeyCredential("sk-test"), new OpenAIClientOptions
{
    Endpoint = new Uri(sim.BaseUrl, "v1"),
    RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
});

// The script fails the first refund question with a 429, then answers it.
try
{
    await openAI.CompleteChatAsync([new UserChatMessage("How do refunds work?")]);
}
catch (ClientResultException ex) when (ex.Status == 429)
{
    ex.GetRawResponse()!.Headers.TryGetValue("retry-after", out var retryAfter);
    Console.WriteLine($"429, retry after {retryAfter} s");
}

ChatCompletion completion = await openAI.CompleteChatAsync([new UserChatMessage("How do refunds work?")]);
Console.WriteLine($"OpenAI: {completion.Content[0].Text} ({completion.Usage.OutputTokenCount} tokens)");

// Microsoft.Extensions.AI over the same client.
IChatClient gpt = openAI.AsIChatClient();
Console.WriteLine($"MEAI: {(await gpt.GetResponseAsync("Where is my parcel?")).Text}");

// Anthropic: the base URL is the simulator's root.
using var anthropic = new AnthropicClient { ApiKey = "sk-ant-test", BaseUrl = sim.BaseUrl.ToString().TrimEnd('/'), MaxRetries = 0 };
IChatClient claude = anthropic.AsIChatClient("claude-haiku-4-5");
await foreach (var update in claude.GetStreamingResponseAsync("Where is my parcel?"))
{
    Console.Write(update.Text);
}

Console.WriteLine();
Console.WriteLine($"{sim.Stats.TotalRequests} requests, {sim.Stats.FaultsInjected} faults");
