using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary>Error bodies shaped as each provider sends them.</summary>
internal static class ErrorResponses
{
    public static Task WriteAsync(HttpContext http, SimProvider provider, int status, string message) =>
        JsonBody.WriteAsync(http, status, Build(provider, status, message));

    public static byte[] Build(SimProvider provider, int status, string message) => provider == SimProvider.OpenAI
        ? JsonBody.Build(w => OpenAI(w, status, message))
        : JsonBody.Build(w => Anthropic(w, status, message));

    private static void OpenAI(Utf8JsonWriter writer, int status, string message)
    {
        var (type, code) = status switch
        {
            400 => ("invalid_request_error", "invalid_request"),
            404 => ("invalid_request_error", "not_found"),
            429 => ("requests", "rate_limit_exceeded"),
            _ => ("server_error", "server_error"),
        };
        writer.WriteStartObject();
        writer.WriteStartObject("error");
        writer.WriteString("message", message);
        writer.WriteString("type", type);
        writer.WriteNull("param");
        writer.WriteString("code", code);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    private static void Anthropic(Utf8JsonWriter writer, int status, string message)
    {
        var type = status switch
        {
            400 => "invalid_request_error",
            404 => "not_found_error",
            429 => "rate_limit_error",
            529 => "overloaded_error",
            _ => "api_error",
        };
        writer.WriteStartObject();
        writer.WriteString("type", "error");
        writer.WriteStartObject("error");
        writer.WriteString("type", type);
        writer.WriteString("message", message);
        writer.WriteEndObject();
        writer.WriteEndObject();
    }
}
