namespace Keel;

/// <summary>How a route picks the model that answers a call.</summary>
public enum RoutingStrategy
{
    /// <summary>Ordered rules, cheap model first: the first rule whose conditions all hold names the model; otherwise
    /// <see cref="RoutingOptions.Default"/>.</summary>
    Cascade,

    /// <summary>Split traffic between <see cref="RoutingOptions.Targets"/> by <see cref="RouteTarget.Weight"/>, at random
    /// (seeded by <see cref="RoutingOptions.Seed"/>) or sticky by <see cref="KeelPropertyNames.RouteKey"/>.</summary>
    Weighted,

    /// <summary>Send each call to the target with the lowest moving average latency, trying the others every
    /// <see cref="RoutingOptions.ExploreEvery"/> calls so a recovered model is noticed.</summary>
    LowestLatency,
}
