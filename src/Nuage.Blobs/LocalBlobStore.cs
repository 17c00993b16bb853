namespace Nuage.Blobs;

using System.Collections.Concurrent;
using System.Globalization;

/// <summary>
/// Blobs on one local drive: &lt;root&gt;/tmp/ for writes in progress, &lt;root&gt;/xx/&lt;id&gt; for committed
/// blobs, fanned out over 256 directories by the first byte of the id to keep directories small.
/// </summary>
public sealed class LocalBlobStore : IBlobStore
{
    private readonly string _root;
    private readonly string _temporary;
    private readonly string[] _fanOut = new string[256];
    private readonly DirectorySyncer _syncer;
    private readonly ConcurrentDictionary<Guid, byte> _inFlight = new();
    private readonly BlobMetrics _metrics;

    /// <param name="root">The blob directory, e.g. &lt;data&gt;/blobs; created when missing.</param>
    /// <param name="metrics">Where the store publishes its figures; a private registry when not given.</param>
    public LocalBlobStore(string root, Nuage.Telemetry.NuageMetrics? metrics = null)
    {
        _metrics = new BlobMetrics(metrics ?? new Nuage.Telemetry.NuageMetrics());
        _syncer = new DirectorySyncer(_metrics);
        _root = Path.GetFullPath(root);
        _temporary = Path.Combine(_root, "tmp");
        Directory.CreateDirectory(_temporary);
        for (int i = 0; i < _fanOut.Length; i++)
        {
            _fanOut[i] = Path.Combine(_root, i.ToString("x2", CultureInfo.InvariantCulture));
            Directory.CreateDirectory(_fanOut[i]);
        }

        // The fan-out directories themselves must survive a power loss before any blob is renamed into them.
        DirectoryFsync.Sync(_root);
        string? parent = Path.GetDirectoryName(_root);
        if (parent is not null)
        {
            DirectoryFsync.Sync(parent);
        }
    }

    public string Root => _root;

    public BlobWriter CreateWriter() => CreateWriter(Guid.NewGuid());

    private BlobWriter CreateWriter(Guid blobId)
    {
        if (!_inFlight.TryAdd(blobId, 0))
        {
            throw new IOException($"A writer of blob {blobId:N} is already open.");
        }

        try
        {
            return new LocalBlobWriter(this, blobId, Path.Combine(_temporary, blobId.ToString("N")), _metrics);
        }
        catch
        {
            EndInFlight(blobId);
            throw;
        }
    }

    public BlobReader OpenRead(Guid blobId, long length) => new LocalBlobReader(blobId, PathOf(blobId), length, _metrics);

    public void Delete(Guid blobId)
    {
        // File.Delete does not throw for a missing file.
        File.Delete(PathOf(blobId));
    }

    public string ScratchDirectory => _temporary;

    public IEnumerable<StoredBlobFile> EnumerateBlobs()
    {
        foreach (string directory in _fanOut)
        {
            foreach (var file in new DirectoryInfo(directory).EnumerateFiles())
            {
                if (Guid.TryParseExact(file.Name, "N", out var blobId))
                {
                    yield return new StoredBlobFile(blobId, file.LastWriteTimeUtc);
                }
            }
        }
    }

    public int DeleteTemporaryFiles(DateTime olderThanUtc)
    {
        int deleted = 0;
        foreach (var file in new DirectoryInfo(_temporary).EnumerateFiles())
        {
            if (file.LastWriteTimeUtc < olderThanUtc
                && !(Guid.TryParseExact(file.Name, "N", out var blobId) && IsInFlight(blobId)))
            {
                file.Delete();
                deleted++;
            }
        }

        return deleted;
    }

    public bool IsInFlight(Guid blobId) => _inFlight.ContainsKey(blobId);

    public void CheckWritable()
    {
        // Not a blob id, so the startup sweep's in-flight test never mistakes it for a writer's file.
        string probe = Path.Combine(_temporary, "probe-" + Guid.NewGuid().ToString("N"));
        try
        {
            using (var file = File.OpenHandle(probe, FileMode.CreateNew, FileAccess.Write, FileShare.None))
            {
                RandomAccess.Write(file, "probe"u8, 0);
            }
        }
        finally
        {
            File.Delete(probe);
        }
    }

    internal string DirectoryOf(Guid blobId)
    {
        Span<byte> bytes = stackalloc byte[16];
        blobId.TryWriteBytes(bytes);

        // "N" formatting prints the first field big-endian, so the first two hex characters are byte 3 here.
        return _fanOut[bytes[3]];
    }

    internal Task SyncDirectoryAsync(string directory) => _syncer.SyncAsync(directory);

    internal void EndInFlight(Guid blobId) => _inFlight.TryRemove(blobId, out _);

    private string PathOf(Guid blobId) => Path.Combine(DirectoryOf(blobId), blobId.ToString("N"));
}
