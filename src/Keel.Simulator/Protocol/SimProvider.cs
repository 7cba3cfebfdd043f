namespace Keel.Simulator;

/// <summary>Which wire protocol a request came in on.</summary>
internal enum SimProvider
{
    OpenAI,
    Anthropic,
}
