using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Threading.Channels;

namespace Nuage.Integration.Tests.Notifications;

/// <summary>
/// An HTTP endpoint on 127.0.0.1 that records each POST body it is sent, standing for a user's webhook. It answers
/// 500 to the first <c>failFirst</c> requests (a receiver that is down for a while), then 200.
/// </summary>
public sealed class WebhookReceiver : IAsyncDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Channel<string> _bodies = Channel.CreateUnbounded<string>();
    private readonly Task _loop;
    private int _failuresLeft;

    private WebhookReceiver(int port, int failFirst)
    {
        Port = port;
        _failuresLeft = failFirst;
        _listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        _listener.Start();
        _loop = Task.Run(ServeAsync);
    }

    public int Port { get; }

    public string Url => $"http://127.0.0.1:{Port}/hook";

    /// <summary>How many requests were answered 500.</summary>
    public int Refused { get; private set; }

    /// <summary>A free port, found by binding port 0: for a receiver that starts later than the server is told of it.</summary>
    public static int FreePort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    public static WebhookReceiver Start(int? port = null, int failFirst = 0) => new(port ?? FreePort(), failFirst);

    /// <summary>The next accepted body, within <paramref name="timeout"/>.</summary>
    public async Task<string> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            return await _bodies.Reader.ReadAsync(cancel.Token);
        }
        catch (OperationCanceledException)
        {
            throw new Xunit.Sdk.XunitException($"No webhook call arrived within {timeout.TotalSeconds} s.");
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            string body = await reader.ReadToEndAsync();
            bool refuse = context.Request.HttpMethod != "POST" || Interlocked.Decrement(ref _failuresLeft) >= 0;
            if (refuse)
            {
                Refused++;
            }
            else
            {
                _bodies.Writer.TryWrite(body);
            }

            context.Response.StatusCode = refuse ? 500 : 200;
            context.Response.Close();
        }
    }

    public async ValueTask DisposeAsync()
    {
        _listener.Stop();
        _listener.Close();
        await _loop;
    }
}
