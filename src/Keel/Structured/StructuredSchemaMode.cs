namespace Keel;

/// <summary>How a model is given the schema of a structured call: <c>structured:</c> under a model in keel.yaml, <c>--schema-mode</c> on <c>keel extract</c>.</summary>
internal enum StructuredSchemaMode
{
    /// <summary>Native for OpenAI; the prompt for Anthropic; native for an OpenAI-compatible server, falling back to the
    /// prompt when the server rejects <c>response_format</c> (a 400).</summary>
    Auto,

    /// <summary>The provider's JSON-schema mode (<c>response_format: json_schema</c>, strict subset).</summary>
    Native,

    /// <summary>A compact rendering of the schema in the system prompt.</summary>
    Prompt,
}
