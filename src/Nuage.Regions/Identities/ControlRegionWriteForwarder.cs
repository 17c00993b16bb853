namespace Nuage.Regions.Identities;

using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Nuage.Iam;
using Nuage.Iam.Federation;
using Nuage.Regions.Federation;

/// <summary>
/// A member region's way to change identities: the client's request goes to the control region as the client signed
/// it (method, target, headers with the original Host, body), so the control region authenticates and authorizes it
/// itself, as if the client had called it. AWS IAM is a global service that any endpoint answers; forwarding keeps that
/// for clients of any region (docs/regions.md, "Identities").
/// </summary>
/// <remarks>
/// The answer is held back until this region's copy has the change (<see cref="ControlRegionIdentityFollower.CatchUpAsync"/>),
/// so a client that creates a key here can use it here at once. When the copy cannot catch up within
/// <see cref="CatchUpLimit"/> the answer is given anyway: the change is made, and the feed brings it within seconds.
/// </remarks>
public sealed class ControlRegionWriteForwarder(FederationConfig federation, ControlRegionIdentityFollower follower) : IIdentityWriteForwarder
{
    public static readonly TimeSpan CatchUpLimit = TimeSpan.FromSeconds(5);

    // Hop-by-hop headers (RFC 9110 §7.6.1) and those the client computes from the content; everything else, the
    // signed x-amz-* headers and Authorization included, goes as received.
    private static readonly HashSet<string> NotForwarded = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Connection", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Transfer-Encoding", "Upgrade", "Expect", "Content-Length",
    };

    private readonly HttpClient _http = new(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
    {
        Timeout = TimeSpan.FromSeconds(10),
    };

    public async Task ForwardAsync(HttpContext http, ReadOnlyMemory<byte> body, ControlRegionPort port)
    {
        ArgumentNullException.ThrowIfNull(http);
        var control = federation.Control;
        var endpoint = port == ControlRegionPort.S3 ? control.S3Endpoint : control.ConsoleEndpoint;

        // The raw target: the path exactly as the client encoded and signed it.
        var rawTarget = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path + http.Request.QueryString).ToString();
        using var request = new HttpRequestMessage(new HttpMethod(http.Request.Method), new Uri(endpoint, rawTarget.TrimStart('/')));
        request.Content = new ReadOnlyMemoryContent(body);
        foreach (var (name, values) in http.Request.Headers)
        {
            if (!NotForwarded.Contains(name) && !request.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values))
            {
                request.Content.Headers.TryAddWithoutValidation(name, (IEnumerable<string?>)values);
            }
        }

        // The Host the client signed, not the control region's: SigV4's canonical request includes it.
        request.Headers.Host = http.Request.Host.Value;

        HttpResponseMessage response;
        byte[] answer;
        try
        {
            response = await _http.SendAsync(request, http.RequestAborted).ConfigureAwait(false);
            answer = await response.Content.ReadAsByteArrayAsync(http.RequestAborted).ConfigureAwait(false);
        }
        catch (Exception e) when (e is HttpRequestException || (e is TaskCanceledException && !http.RequestAborted.IsCancellationRequested))
        {
            throw new IamException(
                IamErrorCode.ServiceUnavailable,
                $"The federation's control region ({control.Name}), which keeps accounts and identities, cannot be reached now, so they cannot be changed: {e.Message}");
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                await CatchUpAsync(http.RequestAborted).ConfigureAwait(false);
            }

            http.Response.StatusCode = (int)response.StatusCode;
            foreach (var (name, values) in response.Headers.Concat(response.Content.Headers))
            {
                if (!NotForwarded.Contains(name) && !name.Equals("Server", StringComparison.OrdinalIgnoreCase) && !name.Equals("Date", StringComparison.OrdinalIgnoreCase))
                {
                    http.Response.Headers[name] = values.ToArray();
                }
            }

            // A 204 has no body and must not announce one (RFC 9110 §8.6): Kestrel refuses a Content-Length on it.
            if (answer.Length > 0)
            {
                http.Response.ContentLength = answer.Length;
                await http.Response.Body.WriteAsync(answer, http.RequestAborted).ConfigureAwait(false);
            }
        }
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(CatchUpLimit);
        try
        {
            await follower.CatchUpAsync(limit.Token).ConfigureAwait(false);
        }
        catch (Exception) when (!cancellationToken.IsCancellationRequested)
        {
            // The change is made at the control region; the follower's next poll brings it here.
        }
    }
}
