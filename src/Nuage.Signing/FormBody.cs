using Microsoft.AspNetCore.Http;

namespace Nuage.Signing;

/// <summary>Reads a small request body whole, refusing one larger than a bound before buffering more than the bound.</summary>
internal static class FormBody
{
    public static async Task<byte[]> ReadAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        if (request.ContentLength > maxBytes)
        {
            throw TooLarge(maxBytes);
        }

        using var buffer = new MemoryStream(request.ContentLength is { } length ? (int)length : 1024);
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                throw TooLarge(maxBytes);
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static SignatureException TooLarge(int maxBytes) =>
        SignatureErrors.InvalidRequest($"The request body is larger than the {maxBytes} bytes this API accepts.");
}
