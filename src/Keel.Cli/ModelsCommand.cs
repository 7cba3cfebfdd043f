using System.CommandLine;
using System.Diagnostics;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Spectre.Console;

namespace Keel.Cli;

/// <summary><c>keel models [--check]</c>: the configured models, whether their keys are set, and optionally a live check.</summary>
internal static class ModelsCommand
{
    public static Command Create(CliEnvironment environment)
    {
        var check = new Option<bool>("--check") { Description = "Send each model a one-token request and report latency or the error" };
        var json = new Option<bool>("--json") { Description = "Print JSON instead of a table" };
        var command = new Command("models", "List configured models and routes, and check that the models answer") { check, json };
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var services = KeelCli.CreateServices(parseResult, environment);
            var config = services.GetRequiredService<KeelConfig>();
            var catalog = services.GetRequiredService<ModelCatalog>();
            var keys = services.GetRequiredService<ApiKeyResolver>();
            var prices = config.Prices.ToPriceTable();
            var rows = new List<ModelRow>();
            foreach (var (name, model) in config.Models)
            {
                var variable = model.ApiKeyEnv ?? ProviderClientFactory.DefaultKeyVariable(model.Provider);
                var keySet = keys.Find(variable) is not null;
                string? health = null;
                if (parseResult.GetValue(check))
                {
                    health = await CheckAsync(catalog, name, cancellationToken);
                }

                var price = prices.Find(model.Model);
                rows.Add(new ModelRow(name, ProviderClientFactory.ProviderName(model.Provider), model.Model, model.BaseUrl, variable, keySet, price?.InputPerMillion, price?.OutputPerMillion, price?.CachedInputPerMillion, health));
            }

            var routes = config.Routes
                .Select(r => new RouteRow(r.Key, YamlBinder.ToSnakeCase(r.Value.Strategy.ToString()).Replace('_', '-'), [.. r.Value.ModelNames()]))
                .ToList();
            if (parseResult.GetValue(json))
            {
                CliJson.Write(environment.Out, new { Models = rows, Routes = routes, PriceTable = prices.Version });
                return ExitCode(rows);
            }

            if (rows.Count == 0)
            {
                environment.Console.MarkupLine("No models configured: Keel runs on the embedded default (extractive answers). Add a [bold]models:[/] section to keel.yaml (see docs/models.md).");
                return ExitCodes.Success;
            }

            var table = new Table().Border(TableBorder.Rounded).AddColumn("name").AddColumn("provider").AddColumn("model").AddColumn("base url").AddColumn("key").AddColumn("$ per 1M in / out");
            if (parseResult.GetValue(check))
            {
                table.AddColumn("check");
            }

            foreach (var row in rows)
            {
                var cells = new List<string>
                {
                    KeelCli.Escape(row.Name), row.Provider, KeelCli.Escape(row.Model), KeelCli.Escape(row.BaseUrl ?? "(provider default)"),
                    row.KeySet ? $"[green]{row.KeyVariable} set[/]" : $"[yellow]{row.KeyVariable} not set[/]",
                    row.InputPerMillion is null ? "[grey]no price[/]" : $"{row.InputPerMillion} / {row.OutputPerMillion}",
                };
                if (row.Check is not null)
                {
                    cells.Add(KeelCli.Escape(row.Check));
                }

                table.AddRow([.. cells]);
            }

            environment.Console.Write(table);
            if (routes.Count > 0)
            {
                var routeTable = new Table().Border(TableBorder.Rounded).AddColumn("route").AddColumn("strategy").AddColumn("models");
                foreach (var route in routes)
                {
                    routeTable.AddRow(KeelCli.Escape(route.Name), route.Strategy, KeelCli.Escape(string.Join(", ", route.Models)));
                }

                environment.Console.Write(routeTable);
            }

            return ExitCode(rows);
        });
        return command;
    }

    /// <summary>1 when any check failed, whatever the output format: scripts read the exit code.</summary>
    private static int ExitCode(List<ModelRow> rows) =>
        rows.Any(r => r.Check is not null && !r.Check.StartsWith("ok", StringComparison.Ordinal)) ? ExitCodes.Error : ExitCodes.Success;

    private static async Task<string> CheckAsync(ModelCatalog catalog, string name, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(30));
            await catalog.GetChatClient(name).GetResponseAsync([new ChatMessage(ChatRole.User, "ping")], new ChatOptions { MaxOutputTokens = 1 }, timeout.Token);
            return $"ok ({Stopwatch.GetElapsedTime(started).TotalMilliseconds:0} ms)";
        }
        catch (Exception ex) when (ex is ModelCallException or KeelConfigurationException or OperationCanceledException)
        {
            return "failed: " + ex.Message;
        }
    }

    private sealed record RouteRow(string Name, string Strategy, IReadOnlyList<string> Models);

    private sealed record ModelRow(string Name, string Provider, string Model, string? BaseUrl, string KeyVariable, bool KeySet, decimal? InputPerMillion, decimal? OutputPerMillion, decimal? CachedInputPerMillion, string? Check);
}
