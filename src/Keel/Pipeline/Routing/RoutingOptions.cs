namespace Keel;

/// <summary>A route: a name callers use like a model, and how it picks which of its <see cref="Targets"/> answers each call.</summary>
/// <remarks>Validated when the routing client is created (<see cref="RoutingChatClientFactory.Create"/>).</remarks>
public sealed record RoutingOptions
{
    /// <summary>The route's name, reported under <see cref="KeelPropertyNames.Route"/>.</summary>
    public required string Name { get; init; }

    /// <summary>How the target is picked.</summary>
    /// <value>Default <see cref="RoutingStrategy.Cascade"/>.</value>
    public RoutingStrategy Strategy { get; init; } = RoutingStrategy.Cascade;

    /// <summary>The models the route sends calls to. At least one; names must be distinct.</summary>
    /// <value>Default empty, which fails validation.</value>
    public IReadOnlyList<RouteTarget> Targets { get; init; } = [];

    /// <summary>For <see cref="RoutingStrategy.Cascade"/>: the rules, tried in order.</summary>
    /// <value>Default empty: every call goes to <see cref="Default"/>.</value>
    public IReadOnlyList<CascadeRule> Rules { get; init; } = [];

    /// <summary>For <see cref="RoutingStrategy.Cascade"/>: the target that answers when no rule matches. Required for a cascade.</summary>
    /// <value>Default <see langword="null"/>.</value>
    public string? Default { get; init; }

    /// <summary>Seeds the random choices (weighted split, none for lowest latency), so a run can be repeated.</summary>
    /// <value>Default <see langword="null"/>: a random seed.</value>
    public int? Seed { get; init; }

    /// <summary>For <see cref="RoutingStrategy.LowestLatency"/>: how much a new latency moves the moving average (0 to 1; higher forgets faster).</summary>
    /// <value>Default 0.5: a model that got five times faster is preferred after about four explorations.</value>
    public double LatencySmoothing { get; init; } = 0.5;

    /// <summary>For <see cref="RoutingStrategy.LowestLatency"/>: every this many calls, the target tried least recently
    /// answers instead of the fastest, so that a model that recovered is noticed. At least 2.</summary>
    /// <value>Default 10.</value>
    public int ExploreEvery { get; init; } = 10;

    /// <summary>For <see cref="RoutingStrategy.LowestLatency"/>: the latency a failed call counts as, at least.</summary>
    /// <value>Default 30 seconds.</value>
    public TimeSpan FailureLatency { get; init; } = TimeSpan.FromSeconds(30);

    internal void Validate()
    {
        var where = $"Route '{Name}'";
        if (string.IsNullOrWhiteSpace(Name))
        {
            throw new ArgumentException("RoutingOptions.Name must not be empty.", nameof(Name));
        }

        if (Targets is null || Targets.Count == 0)
        {
            throw new ArgumentException($"{where}: Targets must list at least one model.", nameof(Targets));
        }

        var names = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < Targets.Count; i++)
        {
            var target = Targets[i];
            if (target is null || string.IsNullOrWhiteSpace(target.Name) || target.Client is null)
            {
                throw new ArgumentException($"{where}: Targets[{i}] needs a non-empty Name and a Client.", nameof(Targets));
            }

            if (!names.Add(target.Name))
            {
                throw new ArgumentException($"{where}: the target '{target.Name}' is listed twice; names must be distinct.", nameof(Targets));
            }

            if (target.Weight <= 0)
            {
                throw new ArgumentException($"{where}: target '{target.Name}' has weight {target.Weight}; weights must be positive.", nameof(Targets));
            }
        }

        if (Strategy == RoutingStrategy.Cascade)
        {
            if (Default is null || !names.Contains(Default))
            {
                throw new ArgumentException($"{where}: a cascade needs a Default naming one of its targets ({string.Join(", ", names)}); got '{Default}'.", nameof(Default));
            }

            for (var i = 0; i < Rules.Count; i++)
            {
                if (Rules[i] is not { } rule || !names.Contains(rule.Target))
                {
                    throw new ArgumentException($"{where}: Rules[{i}] names '{Rules[i]?.Target}', which is not one of its targets ({string.Join(", ", names)}).", nameof(Rules));
                }
            }
        }

        if (LatencySmoothing is <= 0 or > 1 || double.IsNaN(LatencySmoothing))
        {
            throw new ArgumentOutOfRangeException(nameof(LatencySmoothing), LatencySmoothing, $"{where}: LatencySmoothing must be greater than 0 and at most 1.");
        }

        if (ExploreEvery < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(ExploreEvery), ExploreEvery, $"{where}: ExploreEvery must be at least 2.");
        }

        if (FailureLatency < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(FailureLatency), FailureLatency, $"{where}: FailureLatency must not be negative.");
        }
    }
}
