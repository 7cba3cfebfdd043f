using System.ClientModel;
using System.ClientModel.Primitives;
using Anthropic;
using Microsoft.Extensions.AI;
using OpenAI;

namespace Keel;

/// <summary>Creates the provider's own <see cref="IChatClient"/> for a configured model, through the official SDKs,
/// wrapped at once in <see cref="ProviderErrorChatClient"/>.</summary>
/// <remarks>The SDKs' own retries are switched off: retrying, timeouts and fallback are Keel's pipeline's job, and
/// two layers of retries multiply.</remarks>
internal sealed class ProviderClientFactory(ApiKeyResolver keys, TimeProvider timeProvider)
{
    /// <summary>Replaces the network for tests: every SDK client sends through this handler.</summary>
    internal HttpMessageHandler? Transport { get; init; }

    public IChatClient Create(string name, ModelConfig config)
    {
        var key = ResolveKey(name, config);
        IChatClient client = config.Provider switch
        {
            ModelProvider.Anthropic => CreateAnthropic(config, key),
            _ => CreateOpenAi(config, key),
        };
        return new ProviderErrorChatClient(client, new ProviderErrors(name, ProviderName(config.Provider), key, timeProvider));
    }

    public IEmbeddingGenerator<string, Embedding<float>> CreateEmbeddings(string name, ModelConfig config)
    {
        if (config.Provider == ModelProvider.Anthropic)
        {
            throw new KeelConfigurationException($"model '{name}' is an Anthropic model, and Anthropic has no embeddings API; configure an openai or openai-compatible model for embeddings.");
        }

        var key = ResolveKey(name, config);
        var generator = new OpenAI.Embeddings.EmbeddingClient(config.Model, new ApiKeyCredential(key), OpenAiOptions(config)).AsIEmbeddingGenerator();
        return new ProviderErrorEmbeddingGenerator(generator, new ProviderErrors(name, ProviderName(config.Provider), key, timeProvider));
    }

    public static string ProviderName(ModelProvider provider) => provider switch
    {
        ModelProvider.Openai => "openai",
        ModelProvider.Anthropic => "anthropic",
        _ => "openai-compatible",
    };

    public static string DefaultKeyVariable(ModelProvider provider) => provider switch
    {
        ModelProvider.Anthropic => "ANTHROPIC_API_KEY",
        ModelProvider.Openai => "OPENAI_API_KEY",
        _ => "OPENAI_API_KEY",
    };

    private string ResolveKey(string name, ModelConfig config)
    {
        var variable = config.ApiKeyEnv ?? DefaultKeyVariable(config.Provider);
        var key = keys.Find(variable);
        if (key is not null)
        {
            return key;
        }

        if (config.Provider == ModelProvider.OpenaiCompatible)
        {
            return "none"; // local servers (Ollama, llama.cpp) need no key, but the SDK wants a non-empty one
        }

        throw new KeelConfigurationException($"model '{name}' ({ProviderName(config.Provider)}) needs an API key: set the environment variable {variable}, or put {variable}=… in a secrets file outside the repository (KEEL_SECRETS_FILE). Keys never go in keel.yaml.");
    }

    private IChatClient CreateOpenAi(ModelConfig config, string key) =>
        new OpenAI.Chat.ChatClient(config.Model, new ApiKeyCredential(key), OpenAiOptions(config)).AsIChatClient();

    private OpenAIClientOptions OpenAiOptions(ModelConfig config)
    {
        var options = new OpenAIClientOptions { RetryPolicy = new ClientRetryPolicy(maxRetries: 0) };
        if (Transport is not null)
        {
            options.Transport = new HttpClientPipelineTransport(new HttpClient(Transport, disposeHandler: false));
        }

        if (config.BaseUrl is not null)
        {
            options.Endpoint = new Uri(config.BaseUrl);
        }

        return options;
    }

    private IChatClient CreateAnthropic(ModelConfig config, string key)
    {
        var options = new Anthropic.Core.ClientOptions
        {
            ApiKey = key,
            MaxRetries = 0,
            Handlers = [new RetryAfterCapture.Handler(timeProvider)],
        };
        if (config.BaseUrl is not null)
        {
            options = options with { BaseUrl = config.BaseUrl };
        }

        if (Transport is not null)
        {
            options = options with { HttpClient = new HttpClient(Transport, disposeHandler: false) };
        }

        return new AnthropicClient(options).AsIChatClient(config.Model, config.MaxOutputTokens);
    }
}
