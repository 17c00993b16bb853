using Amazon.S3;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>A server of its own started with --domain, for virtual-host style addressing (bucket.DOMAIN).</summary>
public sealed class VirtualHostServerFixture : IAsyncLifetime
{
    public const string Domain = "nuage.test";

    private readonly TempDirectory _data = new();

    public NuageProcess Server { get; private set; } = null!;

    public int Port => Server.Endpoint.Port;

    public async Task InitializeAsync() =>
        Server = await NuageProcess.StartAsync(Path.Combine(_data.Path, "data"), extraArguments: ["--domain", Domain]);

    /// <summary>An SDK client that addresses buckets as bucket.nuage.test:PORT (ForcePathStyle off).</summary>
    public AmazonS3Client CreateVirtualHostClient() => Server.CreateS3Client(config =>
    {
        config.ServiceURL = $"http://{Domain}:{Port}";
        config.ForcePathStyle = false;
        config.HttpClientFactory = new LoopbackHttpClientFactory(Port);
    });

    public AmazonS3Client CreatePathStyleClient() => Server.CreateS3Client();

    public async Task DisposeAsync()
    {
        try
        {
            Server.AssertNoErrors();
        }
        finally
        {
            await Server.DisposeAsync();
            _data.Dispose();
        }
    }
}
