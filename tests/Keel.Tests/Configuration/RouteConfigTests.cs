namespace Keel.Tests.Configuration;

public sealed class RouteConfigTests
{
    private const string Models = """
        models:
          cheap: { model: gpt-4o-mini }
          strong: { model: gpt-4o }

        """;

    private static KeelConfig Parse(string routes) => KeelConfigLoader.Parse(Models + routes, "keel.yaml");

    [Fact]
    public void Parse_AllThreeStrategies_BindsEveryField()
    {
        var config = Parse("""
            routes:
              smart:
                strategy: cascade
                rules:
                  - { when: { max_input_tokens: 2000 }, model: cheap }
                  - { when: { tag: hard }, model: strong }
                default: strong
              ab:
                strategy: weighted
                seed: 7
                targets: [ { model: cheap, weight: 90 }, { model: strong, weight: 10 } ]
              fast:
                strategy: lowest-latency
                explore_every: 5
                targets: [ { model: cheap }, { model: strong } ]
            """);

        Assert.Equal(["smart", "ab", "fast"], config.Routes.Keys);
        var smart = config.Routes["smart"];
        Assert.Equal(RoutingStrategy.Cascade, smart.Strategy);
        Assert.Equal((2000, "cheap"), (smart.Rules[0].When.MaxInputTokens, smart.Rules[0].Model));
        Assert.Equal(("hard", "strong"), (smart.Rules[1].When.Tag, smart.Rules[1].Model));
        Assert.Equal("strong", smart.Default);
        Assert.Equal(["cheap", "strong"], smart.ModelNames());
        Assert.Equal([90, 10], config.Routes["ab"].Targets.Select(t => t.Weight));
        Assert.Equal(7, config.Routes["ab"].Seed);
        Assert.Equal(RoutingStrategy.LowestLatency, config.Routes["fast"].Strategy);
        Assert.Equal(5, config.Routes["fast"].ExploreEvery);
        Assert.Equal([1, 1], config.Routes["fast"].Targets.Select(t => t.Weight));
    }

    [Fact]
    public void Parse_TargetNamesUnknownModel_NamesRouteAndModel()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse("""
            routes:
              ab:
                strategy: weighted
                targets: [ { model: cheap }, { model: gpt5 } ]
            """));

        Assert.Equal("keel.yaml: routes.ab.targets[1].model: 'gpt5' is not a configured model (configured: cheap, strong); route targets name entries under models:.", error.Message);
    }

    [Theory]
    [InlineData("rules: [ { when: { tag: x }, model: nope } ]\n    default: strong", "routes.smart.rules[0].model: 'nope'")]
    [InlineData("default: nope", "routes.smart.default: 'nope'")]
    public void Parse_CascadeNamesUnknownModel_NamesRouteAndModel(string body, string expected)
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse($"routes:\n  smart:\n    strategy: cascade\n    {body}\n"));

        Assert.Contains(expected + " is not a configured model", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_RouteNamedLikeAModel_Throws()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse("routes:\n  cheap:\n    strategy: cascade\n    default: strong\n"));

        Assert.Equal("keel.yaml: routes.cheap: 'cheap' is also the name of a model under models:; a route is called like a model, so the names must differ.", error.Message);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-10)]
    public void Parse_WeightNotPositive_SaysWhere(int weight)
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse($"routes:\n  ab:\n    strategy: weighted\n    targets: [ {{ model: cheap, weight: {weight} }} ]\n"));

        Assert.Equal($"keel.yaml:7:40: routes.ab.targets[0].weight: expected a value from 1 to 1000000, got '{weight}'", error.Message);
    }

    [Fact]
    public void Parse_CascadeWithoutDefault_Throws()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse("routes:\n  smart:\n    strategy: cascade\n    rules: [ { model: cheap } ]\n"));

        Assert.Contains("routes.smart: a cascade route needs default:", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_WeightedWithoutTargets_Throws()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse("routes:\n  ab:\n    strategy: weighted\n"));

        Assert.Equal("keel.yaml: routes.ab: a weighted route needs targets: listing at least one model.", error.Message);
    }

    [Fact]
    public void Parse_UnknownStrategy_ListsTheKnownOnes()
    {
        var error = Assert.Throws<KeelConfigurationException>(() => Parse("routes:\n  ab:\n    strategy: random\n"));

        Assert.EndsWith("routes.ab.strategy: expected one of cascade, weighted, lowest-latency, got 'random'", error.Message, StringComparison.Ordinal);
    }
}
