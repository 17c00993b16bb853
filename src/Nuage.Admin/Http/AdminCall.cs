using Microsoft.AspNetCore.Http;
using Nuage.Admin.Errors;
using Nuage.Admin.Routing;
using Nuage.Iam;
using Nuage.Iam.Identities;

namespace Nuage.Admin.Http;

/// <summary>
/// One authorized admin request as a handler sees it: the route's values, the account it names (which exists by
/// then), the caller, and the signed body, read at most once and within <see cref="MaxBodyBytes"/>.
/// </summary>
public sealed class AdminCall(AdminScope scope, Principal principal, HttpRequest request, Stream body)
{
    /// <summary>Far above any document the API takes (policies stop at 10 KiB); larger bodies are refused, not buffered.</summary>
    public const int MaxBodyBytes = 1 << 20;

    private byte[]? _body;

    public AdminScope Scope { get; } = scope;

    public Principal Principal { get; } = principal;

    public CancellationToken Aborted => request.HttpContext.RequestAborted;

    /// <summary>The account of an {account} route; the pipeline answered 404 already when it does not exist.</summary>
    public Account Account => Scope.Account ?? throw new InvalidOperationException("This route names no account.");

    public string this[string name] => Scope[name];

    public string? Query(string name) => request.Query.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    /// <summary>The body as a JSON object, with clear 400s for anything else.</summary>
    public async Task<JsonBody> ReadJsonAsync() => JsonBody.Parse(await ReadBytesAsync().ConfigureAwait(false));

    /// <summary>The body as UTF-8 text (a policy document sent as is).</summary>
    public async Task<string> ReadTextAsync() => System.Text.Encoding.UTF8.GetString(await ReadBytesAsync().ConfigureAwait(false));

    /// <summary>The body's bytes (at most <see cref="MaxBodyBytes"/>), read once.</summary>
    public async Task<byte[]> ReadBytesAsync()
    {
        if (_body is not null)
        {
            return _body;
        }

        if (request.ContentLength > MaxBodyBytes)
        {
            throw TooLarge();
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int n;
        while ((n = await body.ReadAsync(chunk, Aborted).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + n > MaxBodyBytes)
            {
                throw TooLarge();
            }

            buffer.Write(chunk, 0, n);
        }

        return _body = buffer.ToArray();
    }

    private static AdminException TooLarge() =>
        new(AdminError.RequestTooLarge, $"The request body is larger than the admin API accepts ({MaxBodyBytes} bytes).");

    /// <summary>The value of request header <paramref name="name"/>, or null.</summary>
    public string? Header(string name) => request.Headers.TryGetValue(name, out var value) && value.Count > 0 ? value[0] : null;

    /// <summary>
    /// The body as it streams, for a handler that writes it through without holding it (a replication push): the
    /// server's request size limit, meant for JSON documents, is lifted for this request only.
    /// </summary>
    public Stream OpenBodyStream()
    {
        if (request.HttpContext.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
        {
            limit.MaxRequestBodySize = null;
        }

        return body;
    }
}
