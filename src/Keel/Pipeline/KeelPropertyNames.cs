namespace Keel;

/// <summary>Keys Keel's pipeline layers set in <c>ChatResponse.AdditionalProperties</c> (and, when streaming, in the
/// <c>AdditionalProperties</c> of a trailing update with no content).</summary>
public static class KeelPropertyNames
{
    /// <summary>How many times the retry layer retried the call (an <see cref="int"/>; 0 when the first attempt answered).</summary>
    public const string Retries = "keel.retries";

    /// <summary>The name of the model that answered, as configured in the fallback layer or route (a <see cref="string"/>).</summary>
    public const string Model = "keel.model";

    /// <summary>The name of the route that picked the model, when the call went through one (a <see cref="string"/>).</summary>
    public const string Route = "keel.route";

    /// <summary>Read from <c>ChatOptions.AdditionalProperties</c>: a tag that cascade routes match with
    /// <see cref="CascadeRule.Tag"/> (a <see cref="string"/>).</summary>
    public const string Tag = "keel.tag";

    /// <summary>Read from <c>ChatOptions.AdditionalProperties</c>: a key (a user or session id) that keeps calls on one
    /// arm of a weighted route (a <see cref="string"/>).</summary>
    public const string RouteKey = "keel.route_key";

    /// <summary>The names of the models that failed before one answered, in order (a <see cref="string"/> array; empty when the first answered).</summary>
    public const string Fallbacks = "keel.fallbacks";

    /// <summary>What the call cost in US dollars (a <see cref="decimal"/>), or <see langword="null"/> when the model has no price.</summary>
    public const string CostUsd = "keel.cost_usd";

    /// <summary>Whether the usage the cost was computed from was estimated (characters / 4) because the provider sent none (a <see cref="bool"/>).</summary>
    public const string UsageEstimated = "keel.usage_estimated";

    /// <summary>The <see cref="PriceTable.Version"/> the cost was computed with (a <see cref="string"/>).</summary>
    public const string PriceTableVersion = "keel.price_table_version";

    /// <summary>Set to <c>"hit"</c> (a <see cref="string"/>) when the response cache answered without calling the model.
    /// The same key in <c>ChatOptions.AdditionalProperties</c> set to <see langword="false"/> (or <c>"false"</c>, <c>"off"</c>)
    /// keeps that call out of the cache: it is neither looked up nor stored.</summary>
    public const string CacheHit = "keel.cache";

    /// <summary>Read from <c>ChatOptions.AdditionalProperties</c>: the name of the prompt the messages were rendered
    /// from (a <see cref="string"/>); recorded in the call's trace and, as <c>gen_ai.prompt.name</c>, on its GenAI span. <see cref="PromptLibrary"/> sets it.</summary>
    public const string PromptName = "keel.prompt_name";

    /// <summary>Read from <c>ChatOptions.AdditionalProperties</c>: the prompt's version, the short content hash (a <see cref="string"/>); recorded in the call's trace and, as <c>keel.prompt.version</c>, on its GenAI span.</summary>
    public const string PromptVersion = "keel.prompt_version";

    /// <summary>Read from <c>ChatOptions.AdditionalProperties</c>: the label the prompt version was resolved by (a <see cref="string"/>); recorded in the call's trace and, as <c>keel.prompt.label</c>, on its GenAI span.</summary>
    public const string PromptLabel = "keel.prompt_label";
}
