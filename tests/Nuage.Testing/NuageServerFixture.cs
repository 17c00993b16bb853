using Amazon.S3;
using Xunit;

namespace Nuage.Testing;

/// <summary>
/// One real server shared by a test class (xUnit class fixture); each test takes its own bucket (Garage's
/// way), so tests stay independent without paying a server start each. The server's data lives in a temporary
/// directory of its own; when the fixture ends, an error the server logged fails it, then both are removed.
/// </summary>
public class NuageServerFixture : IAsyncLifetime
{
    private readonly TempDirectory _data;
    private readonly string[] _extraArguments;
    private int _bucketCounter;

    public NuageServerFixture()
        : this("nuage-test-")
    {
    }

    /// <summary>For fixtures whose server is started with more options (e.g. --domain for virtual-host names).</summary>
    protected NuageServerFixture(string dataDirectoryPrefix, params string[] extraArguments)
    {
        _data = new TempDirectory(dataDirectoryPrefix);
        _extraArguments = extraArguments;
    }

    public NuageProcess Server { get; private set; } = null!;

    public Uri Endpoint => Server.Endpoint;

    public int Port => Endpoint.Port;

    /// <summary>The console port: admin API under /api/, health under /health/.</summary>
    public Uri ConsoleEndpoint => Server.ConsoleEndpoint;

    /// <summary>The MQTT TCP listener (mqtt://HOST:PORT).</summary>
    public Uri MqttEndpoint => Server.MqttEndpoint;

    /// <summary>MQTT over WebSocket (ws://HOST:PORT/mqtt on the console port).</summary>
    public Uri MqttWebSocketUri => Server.MqttWebSocketUri;

    public async Task InitializeAsync() =>
        Server = await NuageProcess.StartAsync(Path.Combine(_data.Path, "data"), extraArguments: _extraArguments);

    public AmazonS3Client CreateS3Client(Action<AmazonS3Config>? configure = null) => Server.CreateS3Client(configure);

    /// <summary>A bucket name no other test of this run uses (valid under S3's naming rules).</summary>
    public string NewBucketName(string purpose)
    {
        var n = Interlocked.Increment(ref _bucketCounter);
        var cleaned = new string(purpose.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        if (cleaned.Length > 40)
        {
            cleaned = cleaned[..40].Trim('-');
        }

        return $"{cleaned}-{n}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    /// <summary>Creates a fresh bucket and returns its name.</summary>
    public async Task<string> CreateBucketAsync(string purpose)
    {
        var name = NewBucketName(purpose);
        using var s3 = CreateS3Client();
        await s3.PutBucketAsync(name);
        return name;
    }

    public async Task DisposeAsync()
    {
        try
        {
            Server.AssertNoErrors();
        }
        finally
        {
            await Server.DisposeAsync();

            // On PostgreSQL (NUAGE_TEST_METADATA=postgres) the data directory's database goes with it.
            NuageProcess.Engine.Drop(Server.DataDirectory);
            _data.Dispose();
        }
    }
}
