using System.Net;
using System.Net.Sockets;
using System.Text;
using Keel.Simulator;
using Microsoft.Extensions.AI;

namespace Keel.Tests.Telemetry;

/// <summary>With telemetry.otlp_endpoint set, each model call's GenAI span reaches an OTLP receiver.</summary>
public sealed class OtlpExportTests
{
    [Fact]
    public async Task Call_WithOtlpEndpoint_ExportsAGenAiSpan()
    {
        await using var sim = await SimulatorServer.StartAsync(new SimulatorOptions());
        using var receiver = new OtlpReceiver();
        using var directory = new TempDirectory();
        directory.File("keel.yaml", $"""
            telemetry:
              otlp_endpoint: {receiver.Endpoint}
              service_name: keel-otlp-test
            models:
              local:
                provider: openai-compatible
                model: sim-model
                base_url: {sim.BaseUrl}v1
            """);
        using var keel = KeelFixture.Open(directory);

        await keel.Get<ModelCatalog>().GetChatClient("local").GetResponseAsync("Say hello");
        keel.Get<KeelTelemetry>().Flush();
        var exported = await receiver.WaitForAsync("/v1/traces", TimeSpan.FromSeconds(10));

        Assert.Contains("gen_ai.request.model", exported, StringComparison.Ordinal);
        Assert.Contains("sim-model", exported, StringComparison.Ordinal);
        Assert.Contains("keel-otlp-test", exported, StringComparison.Ordinal);
    }

    /// <summary>A minimal OTLP/HTTP endpoint on 127.0.0.1: records request bodies by path, answers 200.</summary>
    private sealed class OtlpReceiver : IDisposable
    {
        private readonly HttpListener _listener = new();
        private readonly Dictionary<string, StringBuilder> _bodies = [];
        private readonly Lock _lock = new();

        public OtlpReceiver()
        {
            var port = FreePort();
            Endpoint = $"http://127.0.0.1:{port}";
            _listener.Prefixes.Add(Endpoint + "/");
            _listener.Start();
            _ = Task.Run(ServeAsync);
        }

        public string Endpoint { get; }

        public async Task<string> WaitForAsync(string path, TimeSpan timeout)
        {
            using var cancellation = new CancellationTokenSource(timeout);
            while (!cancellation.IsCancellationRequested)
            {
                lock (_lock)
                {
                    if (_bodies.TryGetValue(path, out var body))
                    {
                        return body.ToString();
                    }
                }

                await Task.Delay(20, CancellationToken.None);
            }

            return "";
        }

        public void Dispose() => _listener.Close();

        private async Task ServeAsync()
        {
            while (_listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await _listener.GetContextAsync();
                }
                catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                using var reader = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(reader);
                lock (_lock)
                {
                    var path = context.Request.Url!.AbsolutePath;
                    if (!_bodies.TryGetValue(path, out var body))
                    {
                        body = new StringBuilder();
                        _bodies[path] = body;
                    }

                    // Protobuf keeps attribute keys and string values as plain UTF-8 bytes.
                    body.Append(Encoding.UTF8.GetString(reader.ToArray()));
                }

                context.Response.StatusCode = 200;
                context.Response.Close();
            }
        }

        private static int FreePort()
        {
            using var probe = new TcpListener(IPAddress.Loopback, 0);
            probe.Start();
            return ((IPEndPoint)probe.LocalEndpoint).Port;
        }
    }
}
