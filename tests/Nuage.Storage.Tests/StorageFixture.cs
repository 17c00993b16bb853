namespace Nuage.Storage.Tests;

using System.Security.Cryptography;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Testing;
using Nuage.Storage.Buckets;
using Nuage.Storage.Maintenance;
using Nuage.Storage.Multipart;
using Nuage.Storage.Objects;

/// <summary>
/// The real engine (a metadata engine, SQLite by default, and local blobs) on a fresh temporary data directory; no
/// mocks. Metadata tests take the engine from their subclass (MetadataEngine, issue 18's conformance suite).
/// </summary>
public sealed class StorageFixture : IAsyncDisposable
{
    public const string Owner = "acct-1";

    public StorageFixture(Func<StorageOptions, StorageOptions>? configure = null, string? dataDirectory = null, MetadataEngine? engine = null)
    {
        Engine = engine ?? MetadataEngine.Sqlite;
        DataDirectory = dataDirectory ?? Path.Combine(Path.GetTempPath(), "nuage-tests-" + Guid.NewGuid().ToString("N"));
        var options = new StorageOptions { DataDirectory = DataDirectory, Region = "local" };
        Options = configure is null ? options : configure(options);
        Metadata = Engine.Open(DataDirectory);
        Blobs = new LocalBlobStore(Path.Combine(DataDirectory, "blobs"));
        BucketService = new BucketService(Metadata, Options);
        Objects = new ObjectService(Metadata, Blobs, Options);
        Multipart = new MultipartService(Metadata, Blobs, Options);
        Collector = new GarbageCollector(Metadata, Blobs, Options);
        Sweep = new StartupSweep(Metadata, Blobs);
    }

    public string DataDirectory { get; }

    public StorageOptions Options { get; }

    public MetadataEngine Engine { get; }

    public IMetadataStore Metadata { get; }

    public LocalBlobStore Blobs { get; }

    public BucketService BucketService { get; }

    public ObjectService Objects { get; }

    public MultipartService Multipart { get; }

    public GarbageCollector Collector { get; }

    public StartupSweep Sweep { get; }

    public static byte[] RandomBytes(int length, int seed = 1)
    {
        var bytes = new byte[length];
        new Random(seed).NextBytes(bytes);
        return bytes;
    }

    public async Task<string> CreateBucketAsync(string name = "bucket-1")
    {
        await BucketService.CreateBucketAsync(name, Owner, null, CancellationToken.None);
        return name;
    }

    public Task<ObjectInfo> PutAsync(string bucket, string key, byte[] body, Stream? stream = null, long? contentLength = -1,
        ChecksumInput? checksum = null, byte[]? contentMd5 = null, WriteCondition? condition = null, ObjectAttributes? attributes = null) =>
        Objects.PutObjectAsync(
            new PutObjectRequest(bucket, key, stream ?? new MemoryStream(body), contentLength == -1 ? body.Length : contentLength,
                attributes ?? ObjectAttributes.Empty, contentMd5, checksum, condition),
            CancellationToken.None);

    public async Task<byte[]> GetAsync(string bucket, string key, long offset = 0, long length = -1)
    {
        await using var content = await Objects.OpenObjectAsync(bucket, key, null, CancellationToken.None);
        var output = new MemoryStream();
        await content.CopyToAsync(output, offset, length < 0 ? content.Info.Size - offset : length, CancellationToken.None);
        return output.ToArray();
    }

    public IEnumerable<string> BlobFiles() =>
        Directory.EnumerateFiles(Path.Combine(DataDirectory, "blobs"), "*", SearchOption.AllDirectories)
            .Where(f => Path.GetFileName(Path.GetDirectoryName(f)) != "tmp");

    public IEnumerable<string> TemporaryFiles() =>
        Directory.EnumerateFiles(Path.Combine(DataDirectory, "blobs", "tmp"));

    public static string Md5Hex(byte[] data) => Convert.ToHexStringLower(MD5.HashData(data));

    public async ValueTask DisposeAsync()
    {
        await Collector.DisposeAsync();
        await Metadata.DisposeAsync();
        Engine.Drop(DataDirectory);
        try
        {
            Directory.Delete(DataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // Best effort: a temp directory left behind is harmless.
        }
    }
}
