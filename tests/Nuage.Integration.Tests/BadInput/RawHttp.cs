using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using Nuage.Testing;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>
/// HTTP/1.1 over a raw TCP socket to 127.0.0.1, for what HttpClient refuses to send: bodies shorter than their
/// Content-Length, connections cut mid-body, bytes that are not valid in a request target. The body is written
/// while the answer is read, so a server that answers early (and stops reading) is seen answering.
/// </summary>
public static class RawHttp
{
    /// <summary>The request line and headers, CRLF-terminated, Host first.</summary>
    public static byte[] Head(string method, string target, Uri endpoint, IEnumerable<KeyValuePair<string, string>> headers)
    {
        var text = new StringBuilder();
        text.Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\nHost: {endpoint.Authority}\r\n");
        foreach (var (name, value) in headers)
        {
            if (!name.Equals("host", StringComparison.OrdinalIgnoreCase))
            {
                text.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
            }
        }

        text.Append("\r\n");
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    /// <summary>
    /// A request signed by <paramref name="signer"/> (UNSIGNED-PAYLOAD unless <paramref name="payloadHash"/> is given),
    /// with Content-Length as declared, which may differ from the bytes actually sent.
    /// </summary>
    public static byte[] SignedHead(
        SigV4Signer signer, Uri endpoint, string method, string encodedPath, IReadOnlyList<(string Name, string Value)>? query,
        long? contentLength, IDictionary<string, string>? extraHeaders = null, string payloadHash = SigV4Signer.UnsignedPayload)
    {
        query ??= [];
        var headers = new Dictionary<string, string>(extraHeaders ?? new Dictionary<string, string>(), StringComparer.OrdinalIgnoreCase)
        {
            ["host"] = endpoint.Authority,
        };
        var signature = signer.Sign(method, encodedPath, query, headers, payloadHash);
        headers["Authorization"] = signature.Authorization;
        if (contentLength is not null)
        {
            headers["Content-Length"] = contentLength.Value.ToString(CultureInfo.InvariantCulture);
        }

        var target = encodedPath + (query.Count == 0 ? "" : "?" + SigV4Signer.CanonicalQuery(query));
        return Head(method, target, endpoint, headers);
    }

    /// <summary>
    /// Sends <paramref name="head"/> and <paramref name="body"/>, ends as <paramref name="end"/> says, and returns the
    /// answer, or null when the server closed the connection without one (or for <see cref="BodyEnd.Abort"/>).
    /// <paramref name="beforeEnd"/> runs once the bytes are sent and before the connection is shut down or reset.
    /// </summary>
    public static async Task<RawHttpResponse?> ExchangeAsync(
        Uri endpoint, byte[] head, ReadOnlyMemory<byte> body, BodyEnd end = BodyEnd.Complete, TimeSpan? timeout = null,
        Func<Task>? beforeEnd = null, BodyPacing? pacing = null)
    {
        using var cancel = new CancellationTokenSource(timeout ?? TimeSpan.FromSeconds(30));
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        await socket.ConnectAsync(new IPEndPoint(IPAddress.Loopback, endpoint.Port), cancel.Token);
        var writing = WriteAsync(socket, head, body, end, beforeEnd, pacing, cancel.Token);
        if (end == BodyEnd.Abort)
        {
            await writing;
            socket.LingerState = new LingerOption(true, 0); // close = RST
            socket.Close();
            return null;
        }

        var response = await ReadResponseAsync(socket, cancel.Token);
        try
        {
            await writing;
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException)
        {
            // The server answered and stopped reading before the whole body was sent: allowed.
        }

        return response;
    }

    private static async Task WriteAsync(
        Socket socket, byte[] head, ReadOnlyMemory<byte> body, BodyEnd end, Func<Task>? beforeEnd, BodyPacing? pacing,
        CancellationToken cancellationToken)
    {
        await socket.SendAsync(head, SocketFlags.None, cancellationToken);
        var chunk = pacing?.ChunkBytes ?? 64 * 1024;
        for (var offset = 0; offset < body.Length; offset += chunk)
        {
            if (pacing is not null && offset > 0)
            {
                await Task.Delay(pacing.Interval, cancellationToken);
            }

            await socket.SendAsync(body[offset..Math.Min(body.Length, offset + chunk)], SocketFlags.None, cancellationToken);
        }

        if (beforeEnd is not null)
        {
            await beforeEnd();
        }

        if (end == BodyEnd.HalfClose)
        {
            socket.Shutdown(SocketShutdown.Send);
        }
    }

    private static async Task<RawHttpResponse?> ReadResponseAsync(Socket socket, CancellationToken cancellationToken)
    {
        var buffer = new List<byte>();
        var chunk = new byte[64 * 1024];
        int headerEnd;
        while ((headerEnd = IndexOf(buffer, "\r\n\r\n"u8)) < 0)
        {
            var n = await ReceiveAsync(socket, chunk, cancellationToken);
            if (n == 0)
            {
                return buffer.Count == 0 ? null : throw new IOException("Connection closed inside the response head: " + Encoding.ASCII.GetString(buffer.ToArray()));
            }

            buffer.AddRange(chunk.AsSpan(0, n));
        }

        var lines = Encoding.ASCII.GetString(buffer.GetRange(0, headerEnd).ToArray()).Split("\r\n");
        var status = int.Parse(lines[0].Split(' ')[1], CultureInfo.InvariantCulture);
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in lines.Skip(1))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }

        var rest = buffer.GetRange(headerEnd + 4, buffer.Count - headerEnd - 4);
        byte[] body;
        if (headers.TryGetValue("Content-Length", out var lengthText))
        {
            var length = int.Parse(lengthText, CultureInfo.InvariantCulture);
            while (rest.Count < length)
            {
                var n = await ReceiveAsync(socket, chunk, cancellationToken);
                if (n == 0)
                {
                    break; // a short body is returned as is; the caller's assertions see it
                }

                rest.AddRange(chunk.AsSpan(0, n));
            }

            body = rest.Take(length).ToArray();
        }
        else if (headers.TryGetValue("Transfer-Encoding", out var encoding) && encoding.Contains("chunked", StringComparison.OrdinalIgnoreCase))
        {
            body = await ReadChunkedAsync(socket, rest, chunk, cancellationToken);
        }
        else if (status is 204 or 304 || status < 200)
        {
            body = [];
        }
        else
        {
            int n;
            while ((n = await ReceiveAsync(socket, chunk, cancellationToken)) > 0)
            {
                rest.AddRange(chunk.AsSpan(0, n));
            }

            body = rest.ToArray();
        }

        return new RawHttpResponse(status, headers, body);
    }

    private static async Task<byte[]> ReadChunkedAsync(Socket socket, List<byte> rest, byte[] chunk, CancellationToken cancellationToken)
    {
        var body = new List<byte>();
        while (true)
        {
            int lineEnd;
            while ((lineEnd = IndexOf(rest, "\r\n"u8)) < 0)
            {
                var n = await ReceiveAsync(socket, chunk, cancellationToken);
                if (n == 0)
                {
                    return body.ToArray();
                }

                rest.AddRange(chunk.AsSpan(0, n));
            }

            var sizeText = Encoding.ASCII.GetString(rest.GetRange(0, lineEnd).ToArray()).Split(';')[0];
            var size = int.Parse(sizeText, NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            rest.RemoveRange(0, lineEnd + 2);
            if (size == 0)
            {
                return body.ToArray();
            }

            while (rest.Count < size + 2)
            {
                var n = await ReceiveAsync(socket, chunk, cancellationToken);
                if (n == 0)
                {
                    body.AddRange(rest);
                    return body.ToArray();
                }

                rest.AddRange(chunk.AsSpan(0, n));
            }

            body.AddRange(rest.GetRange(0, size));
            rest.RemoveRange(0, size + 2);
        }
    }

    private static async Task<int> ReceiveAsync(Socket socket, byte[] buffer, CancellationToken cancellationToken)
    {
        try
        {
            return await socket.ReceiveAsync(buffer, SocketFlags.None, cancellationToken);
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionReset)
        {
            return 0;
        }
    }

    private static int IndexOf(List<byte> buffer, ReadOnlySpan<byte> pattern)
    {
        for (var i = 0; i + pattern.Length <= buffer.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = buffer[i + j] == pattern[j];
            }

            if (match)
            {
                return i;
            }
        }

        return -1;
    }
}
