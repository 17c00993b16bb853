using System.Diagnostics;
using System.Text.RegularExpressions;

namespace Nuage.Bench;

/// <summary>Starts `./nuage server` on a temporary data directory and a free port when no --endpoint is given.</summary>
public sealed partial class LocalServer : IAsyncDisposable
{
    private readonly Process _process;
    private readonly string _data;

    private LocalServer(Process process, string data, Uri endpoint)
    {
        _process = process;
        _data = data;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<LocalServer> StartAsync(BenchOptions options)
    {
        var root = FindRoot();
        var data = Path.Combine(Path.GetTempPath(), "nuage-bench-" + Guid.NewGuid().ToString("N")[..8]);
        var start = new ProcessStartInfo(Path.Combine(root, "nuage"))
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[] { "server", "--data", data, "--listen", "127.0.0.1:0", "--console-listen", "127.0.0.1:0" })
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["NUAGE_ROOT_ACCESS_KEY"] = options.AccessKey;
        start.Environment["NUAGE_ROOT_SECRET_KEY"] = options.SecretKey;
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start ./nuage");
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            var match = Listening().Match(line);
            if (match.Success)
            {
                _ = process.StandardOutput.ReadToEndAsync();
                return new LocalServer(process, data, new Uri(match.Groups[1].Value));
            }
        }

        throw new InvalidOperationException("./nuage server exited before listening");
    }

    [GeneratedRegex(@"S3 API listening on (http://\S+)")]
    private static partial Regex Listening();

    private static string FindRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Nuage.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("run the benchmark from inside the repository");
    }

    public async ValueTask DisposeAsync()
    {
        _process.Kill();
        await _process.WaitForExitAsync();
        _process.Dispose();
        Directory.Delete(_data, recursive: true);
    }
}
