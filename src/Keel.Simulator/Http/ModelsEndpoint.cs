using System.Globalization;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary><c>GET /v1/models</c>: the models the simulator answers for, in OpenAI's shape, or Anthropic's when the request carries <c>anthropic-version</c>.</summary>
internal static class ModelsEndpoint
{
    public const string Route = "/v1/models";

    private static readonly string[] s_defaultModels = ["gpt-4o-mini", "gpt-4o", "text-embedding-3-small", "claude-sonnet-4-5", "claude-haiku-4-5"];

    public static async Task HandleAsync(HttpContext http, SimulatorContext sim)
    {
        sim.Stats.Record("GET " + Route);
        var models = s_defaultModels.Concat(sim.Planner.ScriptedModels).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        var anthropic = http.Request.Headers.ContainsKey("anthropic-version");
        var now = sim.TimeProvider.GetUtcNow();
        var body = JsonBody.Build(w =>
        {
            w.WriteStartObject();
            if (!anthropic)
            {
                w.WriteString("object", "list");
            }

            w.WriteStartArray("data");
            foreach (var model in models)
            {
                w.WriteStartObject();
                w.WriteString("id", model);
                if (anthropic)
                {
                    w.WriteString("type", "model");
                    w.WriteString("display_name", model);
                    w.WriteString("created_at", now.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
                }
                else
                {
                    w.WriteString("object", "model");
                    w.WriteNumber("created", now.ToUnixTimeSeconds());
                    w.WriteString("owned_by", "keel-sim");
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            if (anthropic)
            {
                w.WriteBoolean("has_more", false);
                w.WriteString("first_id", models[0]);
                w.WriteString("last_id", models[^1]);
            }

            w.WriteEndObject();
        });
        await JsonBody.WriteAsync(http, StatusCodes.Status200OK, body);
    }
}
