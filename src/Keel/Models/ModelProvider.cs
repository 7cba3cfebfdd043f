namespace Keel;

/// <summary>Which SDK talks to a model.</summary>
internal enum ModelProvider
{
    /// <summary>OpenAI, through the official OpenAI SDK.</summary>
    Openai,

    /// <summary>Anthropic, through the official Anthropic SDK.</summary>
    Anthropic,

    /// <summary>Any server speaking OpenAI's Chat Completions API at <c>base_url</c> (Ollama, vLLM, llama.cpp, LM Studio, OpenRouter…).</summary>
    OpenaiCompatible,
}
