using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Keel.Simulator;
using OpenAI;
using OpenAI.Chat;
using OpenAI.Embeddings;

namespace Keel.Tests.Simulator;

/// <summary>Starts simulators and points the real SDKs at them, with the SDKs' own retries off.</summary>
internal static class SimClients
{
    public static Task<SimulatorServer> StartAsync(string? yaml = null, double? faultRate = null, int? seed = null) =>
        SimulatorServer.StartAsync(new SimulatorOptions { ScriptYaml = yaml, FaultRate = faultRate, FaultSeed = seed });

    public static OpenAIClientOptions OpenAIOptions(SimulatorServer server, TimeSpan? timeout = null) => new()
    {
        Endpoint = new Uri(server.BaseUrl, "v1"),
        RetryPolicy = new ClientRetryPolicy(0),
        NetworkTimeout = timeout,
    };

    public static ChatClient OpenAIChat(SimulatorServer server, string model = "gpt-4o-mini", TimeSpan? timeout = null) =>
        new(model, new ApiKeyCredential("sk-test"), OpenAIOptions(server, timeout));

    public static EmbeddingClient OpenAIEmbeddings(SimulatorServer server, string model = "text-embedding-3-small") =>
        new(model, new ApiKeyCredential("sk-test"), OpenAIOptions(server));

    public static AnthropicClient Anthropic(SimulatorServer server, HeaderCapture? capture = null, int maxRetries = 0, TimeSpan? timeout = null) => new()
    {
        ApiKey = "sk-ant-test",
        BaseUrl = server.BaseUrl.ToString().TrimEnd('/'),
        MaxRetries = maxRetries,
        Timeout = timeout,
        Handlers = capture is null ? [] : [capture],
    };
}
