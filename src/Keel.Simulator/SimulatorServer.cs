using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Keel.Simulator;

/// <summary>
/// A loopback HTTP server that speaks the OpenAI and Anthropic wire protocols, answers from a script or a deterministic
/// default, and injects faults on demand. Point the official SDKs at <see cref="BaseUrl"/> (docs/simulator.md).
/// </summary>
/// <remarks>It listens on 127.0.0.1 only. Disposing it stops the server, ending hanging requests.</remarks>
public sealed class SimulatorServer : IAsyncDisposable
{
    private static readonly TimeSpan s_shutdownTimeout = TimeSpan.FromSeconds(5);

    private readonly WebApplication _app;
    private readonly CancellationTokenSource _stopping;
    private int _disposed;

    private SimulatorServer(WebApplication app, CancellationTokenSource stopping, Uri baseUrl, SimulatorStats stats)
    {
        _app = app;
        _stopping = stopping;
        BaseUrl = baseUrl;
        Stats = stats;
    }

    /// <summary>Gets the server's root address, e.g. <c>http://127.0.0.1:5123/</c>; OpenAI clients use <c>{BaseUrl}v1</c>, Anthropic clients <c>BaseUrl</c>.</summary>
    public Uri BaseUrl { get; }

    /// <summary>Gets what the server has served so far.</summary>
    public SimulatorStats Stats { get; }

    /// <summary>Starts a simulator on 127.0.0.1.</summary>
    /// <param name="options">Port, script and fault settings.</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running server; dispose it to stop.</returns>
    /// <exception cref="SimulatorScriptException">The script is not valid; the message names file, line and what was expected.</exception>
    /// <exception cref="FileNotFoundException">The script file does not exist.</exception>
    public static async Task<SimulatorServer> StartAsync(SimulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (options.ScriptPath is not null && options.ScriptYaml is not null)
        {
            throw new ArgumentException("Give either ScriptPath or ScriptYaml, not both.", nameof(options));
        }

        if (options.FaultRate is < 0 or > 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.FaultRate, "FaultRate must be between 0 and 1.");
        }

        if (options.EmbeddingDimensions < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), options.EmbeddingDimensions, "EmbeddingDimensions must be at least 1.");
        }

        var script = options.ScriptPath is not null ? ScriptParser.ParseFile(options.ScriptPath)
            : options.ScriptYaml is not null ? ScriptParser.Parse(options.ScriptYaml, "inline script")
            : SimulatorScript.Empty;

        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port));
        builder.Services.AddRoutingCore();
        builder.Services.Configure<HostOptions>(host => host.ShutdownTimeout = s_shutdownTimeout);
        var app = builder.Build();

        var stopping = new CancellationTokenSource();
        var stats = new SimulatorStats();
        var context = new SimulatorContext(new ReplyPlanner(script, options.FaultRate, options.FaultSeed), stats, options.TimeProvider, options.EmbeddingDimensions,
            (options.LoggerFactory ?? NullLoggerFactory.Instance).CreateLogger("Keel.Simulator"), stopping.Token);
        MapEndpoints(app, context);

        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            await app.DisposeAsync();
            stopping.Dispose();
            throw;
        }

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        return new SimulatorServer(app, stopping, new Uri($"http://127.0.0.1:{port}/"), stats);
    }

    /// <summary>Stops the server: hanging requests end, open connections close.</summary>
    /// <returns>A task that completes when the server has stopped.</returns>
    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stopping.CancelAsync();
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        _stopping.Dispose();
    }

    private static void MapEndpoints(WebApplication app, SimulatorContext context)
    {
        app.MapPost(OpenAIChatEndpoint.Route, http => OpenAIChatEndpoint.HandleAsync(http, context));
        app.MapPost(EmbeddingsEndpoint.Route, http => EmbeddingsEndpoint.HandleAsync(http, context));
        app.MapGet(ModelsEndpoint.Route, http => ModelsEndpoint.HandleAsync(http, context));
        app.MapPost(AnthropicMessagesEndpoint.Route, http => AnthropicMessagesEndpoint.HandleAsync(http, context));
        app.MapFallback(http =>
        {
            context.Stats.Record($"{http.Request.Method} {http.Request.Path}");
            var provider = http.Request.Headers.ContainsKey("anthropic-version") ? SimProvider.Anthropic : SimProvider.OpenAI;
            return ErrorResponses.WriteAsync(http, provider, StatusCodes.Status404NotFound,
                $"keel sim does not serve {http.Request.Method} {http.Request.Path}; it serves POST /v1/chat/completions, POST /v1/embeddings, GET /v1/models and POST /v1/messages.");
        });
    }
}
