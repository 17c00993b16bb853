using System.Net;
using System.Net.Sockets;

namespace Nuage.Testing;

/// <summary>
/// N regions of one federation as real processes on loopback (docs/regions.md, "Three regions on one machine"): each
/// with its own data directory and ports, all started with one federation file and the same operator root key, the
/// first region the control region. The file must name every region's ports before any server starts, so free ports
/// are picked first (bound to port 0, read, released) and handed to --listen and --console-listen; the short window
/// in which another process could take one is covered by starting the whole federation again on new ports once.
/// </summary>
public sealed class LocalFederation : IAsyncDisposable
{
    private readonly TempDirectory _data;
    private readonly Dictionary<string, NuageProcess> _running = new(StringComparer.Ordinal);
    private readonly Dictionary<string, (int S3, int Console)> _ports;
    private readonly IReadOnlyDictionary<string, string?>? _environment;

    private LocalFederation(
        TempDirectory data, IReadOnlyList<string> regions, Dictionary<string, (int S3, int Console)> ports, IReadOnlyDictionary<string, string?>? environment)
    {
        _data = data;
        _environment = environment;
        Regions = regions;
        _ports = ports;
        FederationFile = Path.Combine(data.Path, "federation.yml");
        File.WriteAllText(FederationFile, "control: " + regions[0] + "\nregions:\n" + string.Concat(regions.Select(r =>
            $"  - name: {r}\n    s3: http://127.0.0.1:{ports[r].S3}\n    console: http://127.0.0.1:{ports[r].Console}\n")));
    }

    /// <summary>The regions in the file's order; the first is the control region.</summary>
    public IReadOnlyList<string> Regions { get; }

    public string FederationFile { get; }

    public NuageProcess this[string region] => _running[region];

    /// <summary>The region's data directory (started or not): a test may run the region alone on it first.</summary>
    public string DataDirectoryOf(string region) => Path.Combine(_data.Path, region);

    /// <summary>The region's S3 endpoint as the federation file gives it (started or not).</summary>
    public Uri S3EndpointOf(string region) => new($"http://127.0.0.1:{_ports[region].S3}/");

    /// <summary>
    /// Writes the file and starts the regions named in <paramref name="start"/> (all by default) in parallel, each (and
    /// each restart) with <paramref name="environment"/> added to its environment (NUAGE_* test knobs).
    /// </summary>
    public static async Task<LocalFederation> StartAsync(
        IReadOnlyList<string> regions, IReadOnlyList<string>? start = null, IReadOnlyDictionary<string, string?>? environment = null)
    {
        for (int attempt = 1; ; attempt++)
        {
            var ports = regions.ToDictionary(r => r, _ => (S3: 0, Console: 0), StringComparer.Ordinal);
            var held = new List<TcpListener>();
            foreach (var region in regions)
            {
                ports[region] = (Hold(held), Hold(held));
            }

            // All picked while all are held, so no two regions get one port; released just before the servers bind.
            held.ForEach(l => l.Stop());
            var federation = new LocalFederation(new TempDirectory("nuage-federation-"), regions, ports, environment);
            try
            {
                await Task.WhenAll((start ?? regions).Select(federation.StartRegionAsync));
                return federation;
            }
            catch (InvalidOperationException) when (attempt == 1)
            {
                await federation.DisposeAsync(); // a port was taken in the window: once more on fresh ones
            }
        }
    }

    /// <summary>Starts (or starts again) one region on its ports from the file.</summary>
    public async Task StartRegionAsync(string region)
    {
        var server = await NuageProcess.StartAsync(
            DataDirectoryOf(region), $"127.0.0.1:{_ports[region].S3}", _environment,
            extraArguments: ["--region", region, "--federation", FederationFile], consoleListen: $"127.0.0.1:{_ports[region].Console}");
        lock (_running)
        {
            _running[region] = server;
        }
    }

    public async Task StopRegionAsync(string region)
    {
        NuageProcess server;
        lock (_running)
        {
            server = _running[region];
            _running.Remove(region);
        }

        await server.DisposeAsync();
    }

    /// <summary>kill -9 of one region: no chance to flush or finish anything. Start it again with <see cref="StartRegionAsync"/>.</summary>
    public async Task KillRegionAsync(string region)
    {
        NuageProcess server;
        lock (_running)
        {
            server = _running[region];
            _running.Remove(region);
        }

        await server.KillAsync();
        await server.DisposeAsync();
    }

    public async ValueTask DisposeAsync()
    {
        List<NuageProcess> servers;
        lock (_running)
        {
            servers = [.. _running.Values];
            _running.Clear();
        }

        await Task.WhenAll(servers.Select(s => s.DisposeAsync().AsTask()));
        _data.Dispose();
    }

    private static int Hold(List<TcpListener> held)
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        held.Add(listener);
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
