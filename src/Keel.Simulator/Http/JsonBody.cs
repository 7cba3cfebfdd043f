using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary>Builds JSON with a writer callback and sends it.</summary>
internal static class JsonBody
{
    /// <summary>Writer options: JSON as the providers send it, with quotes and non-ASCII text unescaped (it is never embedded in HTML).</summary>
    public static JsonWriterOptions WriterOptions { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Build(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public static async Task WriteAsync(HttpContext http, int status, byte[] body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json";
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body, http.RequestAborted);
    }

    public static async Task<JsonDocument?> ReadAsync(HttpContext http, SimProvider provider)
    {
        try
        {
            return await JsonDocument.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException ex)
        {
            await ErrorResponses.WriteAsync(http, provider, StatusCodes.Status400BadRequest, $"The request body is not valid JSON: {ex.Message}");
            return null;
        }
    }
}
