using System.Text;
using Microsoft.AspNetCore.Http;

namespace Keel.Simulator;

/// <summary>Writes server-sent events, flushing each one; cuts the connection after a set number when told to drop mid-stream.</summary>
internal sealed class SseWriter(HttpContext http, int? dropAfter, TimeProvider timeProvider)
{
    // A reset connection discards bytes the client has not read yet; the pause lets it read the events already sent.
    private static readonly TimeSpan s_dropPause = TimeSpan.FromMilliseconds(100);

    private int _sent;

    /// <summary>Gets whether the connection was cut; callers stop writing.</summary>
    public bool Dropped { get; private set; }

    public async Task StartAsync()
    {
        http.Response.StatusCode = StatusCodes.Status200OK;
        http.Response.ContentType = "text/event-stream; charset=utf-8";
        http.Response.Headers.CacheControl = "no-cache";
        await http.Response.StartAsync(http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
    }

    public async Task<bool> WriteAsync(string? eventName, byte[] data) => await WriteAsync(eventName, Encoding.UTF8.GetString(data), final: false);

    public async Task<bool> WriteFinalAsync(string? eventName, string data) => await WriteAsync(eventName, data, final: true);

    public async Task<bool> WriteFinalAsync(string? eventName, byte[] data) => await WriteAsync(eventName, Encoding.UTF8.GetString(data), final: true);

    public async Task<bool> WriteAsync(string? eventName, string data, bool final = false)
    {
        if (Dropped)
        {
            return false;
        }

        // A dropped stream must never end cleanly, so the terminal event is never sent when a drop is planned.
        if (dropAfter is { } limit && (_sent >= limit || final))
        {
            await http.Response.Body.FlushAsync(http.RequestAborted);
            await Task.Delay(s_dropPause, timeProvider, http.RequestAborted);
            http.Abort();
            Dropped = true;
            return false;
        }

        var text = eventName is null ? $"data: {data}\n\n" : $"event: {eventName}\ndata: {data}\n\n";
        await http.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(text), http.RequestAborted);
        await http.Response.Body.FlushAsync(http.RequestAborted);
        _sent++;
        return true;
    }
}
