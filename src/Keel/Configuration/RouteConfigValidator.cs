namespace Keel;

/// <summary>Checks what the binder cannot see in <c>routes:</c>: that targets name configured models, that route and
/// model names do not collide, and that each strategy has what it needs.</summary>
internal static class RouteConfigValidator
{
    public static void Validate(KeelConfig config, string fileName)
    {
        foreach (var (name, route) in config.Routes)
        {
            var path = $"{fileName}: routes.{name}";
            if (config.Models.ContainsKey(name))
            {
                throw new KeelConfigurationException($"{path}: '{name}' is also the name of a model under models:; a route is called like a model, so the names must differ.");
            }

            if (route.Strategy == RoutingStrategy.Cascade)
            {
                if (route.Default is null)
                {
                    throw new KeelConfigurationException($"{path}: a cascade route needs default: naming the model that answers when no rule matches.");
                }

                if (route.Targets.Count > 0)
                {
                    throw new KeelConfigurationException($"{path}: targets: is for weighted and lowest-latency routes; a cascade names its models in rules: and default:.");
                }

                for (var i = 0; i < route.Rules.Count; i++)
                {
                    CheckModel(config, $"{path}.rules[{i}].model", route.Rules[i].Model);
                }

                CheckModel(config, $"{path}.default", route.Default);
            }
            else
            {
                if (route.Targets.Count == 0)
                {
                    throw new KeelConfigurationException($"{path}: a {YamlBinder.ToSnakeCase(route.Strategy.ToString()).Replace('_', '-')} route needs targets: listing at least one model.");
                }

                if (route.Rules.Count > 0 || route.Default is not null)
                {
                    throw new KeelConfigurationException($"{path}: rules: and default: are for cascade routes only.");
                }

                var seen = new HashSet<string>(StringComparer.Ordinal);
                for (var i = 0; i < route.Targets.Count; i++)
                {
                    CheckModel(config, $"{path}.targets[{i}].model", route.Targets[i].Model);
                    if (!seen.Add(route.Targets[i].Model))
                    {
                        throw new KeelConfigurationException($"{path}.targets[{i}].model: '{route.Targets[i].Model}' is listed twice.");
                    }
                }
            }
        }
    }

    private static void CheckModel(KeelConfig config, string path, string model)
    {
        if (!config.Models.ContainsKey(model))
        {
            var known = config.Models.Count == 0 ? "no models are configured" : "configured: " + string.Join(", ", config.Models.Keys);
            throw new KeelConfigurationException($"{path}: '{model}' is not a configured model ({known}); route targets name entries under models:.");
        }
    }
}
