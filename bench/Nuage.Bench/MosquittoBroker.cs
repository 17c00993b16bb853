using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace Nuage.Bench;

/// <summary>
/// The Mosquitto baseline of the `mqtt` scenario: the Debian `mosquitto` binary run as a child process on a free
/// 127.0.0.1 port with a minimal configuration (anonymous, no persistence), stopped when disposed. The benchmark
/// never installs it: <see cref="Find"/> returns null when it is absent and the scenario measures Nuage alone.
/// </summary>
public sealed class MosquittoBroker : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _directory;

    private MosquittoBroker(Process process, string directory, int port)
    {
        _process = process;
        _directory = directory;
        Port = port;
    }

    public int Port { get; }

    public int ProcessId => _process.Id;

    /// <summary>The broker binary: on PATH, or /usr/sbin where Debian puts it (not on a non-root user's PATH).</summary>
    public static string? Find()
    {
        var path = (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':', StringSplitOptions.RemoveEmptyEntries);
        return path.Append("/usr/sbin").Select(d => Path.Combine(d, "mosquitto")).FirstOrDefault(File.Exists);
    }

    public static async Task<MosquittoBroker> StartAsync(string binary)
    {
        var port = FreePort();
        var directory = Path.Combine(Path.GetTempPath(), "nuage-bench-mosquitto-" + Guid.NewGuid().ToString("N")[..8]);
        Directory.CreateDirectory(directory);
        var config = Path.Combine(directory, "mosquitto.conf");
        // persistence false: Nuage's QoS 0/1 delivery path keeps nothing on disk either for a live subscriber, so
        // the comparison is broker against broker, not broker against a disk.
        await File.WriteAllTextAsync(config, $"listener {port} 127.0.0.1\nallow_anonymous true\npersistence false\nlog_dest none\n");
        var start = new ProcessStartInfo(binary) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add(config);
        var process = Process.Start(start) ?? throw new InvalidOperationException($"could not start {binary}");
        // Nothing is logged (log_dest none), but an unread pipe must still not block it.
        _ = process.StandardOutput.BaseStream.CopyToAsync(Stream.Null);
        _ = process.StandardError.BaseStream.CopyToAsync(Stream.Null);
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            try
            {
                using var probe = new TcpClient();
                await probe.ConnectAsync(IPAddress.Loopback, port);
                return new MosquittoBroker(process, directory, port);
            }
            catch (SocketException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(50);
            }
        }
    }

    /// <summary>A port the OS just handed out and took back: free, barring a race nobody on this box runs.</summary>
    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_directory, recursive: true);
    }
}
