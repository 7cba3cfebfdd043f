using System.Runtime.InteropServices;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary><c>POST /v1/embeddings</c>: OpenAI embeddings from a hash of each input (deterministic, not semantic).</summary>
internal static class EmbeddingsEndpoint
{
    public const string Route = "/v1/embeddings";

    private const int MaxDimensions = 8192;

    public static async Task HandleAsync(HttpContext http, SimulatorContext sim)
    {
        sim.Stats.Record("POST " + Route);
        using var document = await JsonBody.ReadAsync(http, SimProvider.OpenAI);
        if (document is null)
        {
            return;
        }

        var body = document.RootElement;
        var model = JsonText.String(body, "model");
        var inputs = model is null ? null : Inputs(JsonText.Property(body, "input"));
        if (model is null || inputs is null || inputs.Count == 0)
        {
            await ErrorResponses.WriteAsync(http, SimProvider.OpenAI, StatusCodes.Status400BadRequest,
                model is null ? "you must provide a model parameter" : "'input' must be a non-empty string or array of strings.");
            return;
        }

        var dimensions = JsonText.Int(body, "dimensions") ?? sim.EmbeddingDimensions;
        if (dimensions is < 1 or > MaxDimensions)
        {
            await ErrorResponses.WriteAsync(http, SimProvider.OpenAI, StatusCodes.Status400BadRequest, $"'dimensions' must be between 1 and {MaxDimensions}.");
            return;
        }

        var base64 = JsonText.String(body, "encoding_format") == "base64";
        var tokens = inputs.Sum(TokenEstimator.Count);
        var response = JsonBody.Build(w =>
        {
            w.WriteStartObject();
            w.WriteString("object", "list");
            w.WriteStartArray("data");
            for (var i = 0; i < inputs.Count; i++)
            {
                var vector = HashEmbedding.Create(inputs[i], dimensions);
                w.WriteStartObject();
                w.WriteString("object", "embedding");
                w.WriteNumber("index", i);
                if (base64)
                {
                    w.WriteBase64String("embedding", MemoryMarshal.AsBytes(vector.AsSpan()));
                }
                else
                {
                    w.WriteStartArray("embedding");
                    foreach (var value in vector)
                    {
                        w.WriteNumberValue(value);
                    }

                    w.WriteEndArray();
                }

                w.WriteEndObject();
            }

            w.WriteEndArray();
            w.WriteString("model", model);
            w.WriteStartObject("usage");
            w.WriteNumber("prompt_tokens", tokens);
            w.WriteNumber("total_tokens", tokens);
            w.WriteEndObject();
            w.WriteEndObject();
        });
        await JsonBody.WriteAsync(http, StatusCodes.Status200OK, response);
    }

    private static List<string>? Inputs(JsonElement? input) => input switch
    {
        { ValueKind: JsonValueKind.String } text => [text.GetString() ?? ""],
        { ValueKind: JsonValueKind.Array } array => [.. array.EnumerateArray().Select(item => item.ValueKind == JsonValueKind.String ? item.GetString() ?? "" : item.GetRawText())],
        _ => null,
    };
}
