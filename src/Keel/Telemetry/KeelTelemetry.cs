using OpenTelemetry;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace Keel;

/// <summary>OpenTelemetry for model calls: MEAI's <c>UseOpenTelemetry</c> emits GenAI spans and metrics under
/// <see cref="SourceName"/> for every attempt; with <c>telemetry.otlp_endpoint</c> set they are exported over OTLP.</summary>
internal sealed class KeelTelemetry : IDisposable
{
    /// <summary>The ActivitySource and Meter name of Keel's GenAI spans and metrics.</summary>
    public const string SourceName = "Keel";

    private readonly TracerProvider? _tracing;
    private readonly MeterProvider? _metrics;

    public KeelTelemetry(TelemetryConfig config)
    {
        if (config.OtlpEndpoint is not { } endpoint)
        {
            return;
        }

        var resource = ResourceBuilder.CreateDefault().AddService(config.ServiceName);
        _tracing = Sdk.CreateTracerProviderBuilder()
            .SetResourceBuilder(resource)
            .AddSource(SourceName)
            .AddOtlpExporter(o => Configure(o, endpoint, "v1/traces"))
            .Build();
        _metrics = Sdk.CreateMeterProviderBuilder()
            .SetResourceBuilder(resource)
            .AddMeter(SourceName)
            .AddOtlpExporter(o => Configure(o, endpoint, "v1/metrics"))
            .Build();
    }

    public bool Exporting => _tracing is not null;

    /// <summary>Sends what is buffered; spans are exported in batches otherwise.</summary>
    public void Flush()
    {
        _tracing?.ForceFlush();
        _metrics?.ForceFlush();
    }

    public void Dispose()
    {
        _tracing?.Dispose();
        _metrics?.Dispose();
    }

    private static void Configure(OtlpExporterOptions options, string endpoint, string path)
    {
        options.Protocol = OtlpExportProtocol.HttpProtobuf;
        options.Endpoint = new Uri(new Uri(endpoint.TrimEnd('/') + "/"), path);
    }
}
