using Amazon.S3;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>A server of its own started with --domain, for virtual-host style addressing (bucket.DOMAIN).</summary>
public sealed class VirtualHostServerFixture() : NuageServerFixture("nuage-test-", "--domain", Domain)
{
    public const string Domain = "nuage.test";

    /// <summary>An SDK client that addresses buckets as bucket.nuage.test:PORT (ForcePathStyle off).</summary>
    public AmazonS3Client CreateVirtualHostClient() => Server.CreateS3Client(config =>
    {
        config.ServiceURL = $"http://{Domain}:{Port}";
        config.ForcePathStyle = false;
        config.HttpClientFactory = new LoopbackHttpClientFactory(Port);
    });

    public AmazonS3Client CreatePathStyleClient() => Server.CreateS3Client();
}
