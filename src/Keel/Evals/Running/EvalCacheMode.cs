namespace Keel;

/// <summary>How an eval run uses the cache of model calls (<c>--cache</c>).</summary>
public enum EvalCacheMode
{
    /// <summary>Reuse a cached response when there is one; store new ones (the default).</summary>
    Read,

    /// <summary>Always call the model, and store (overwrite) the response.</summary>
    Write,

    /// <summary>Neither read nor write.</summary>
    Off,
}
