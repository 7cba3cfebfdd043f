using System.Net.Http.Headers;

namespace Keel.Tests.Simulator;

/// <summary>A handler in the SDK's own HTTP pipeline that keeps the last response's headers.</summary>
internal sealed class HeaderCapture : DelegatingHandler
{
    public HttpResponseHeaders? LastHeaders { get; private set; }

    public int Responses { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        LastHeaders = response.Headers;
        Responses++;
        return response;
    }
}
