namespace Nuage.Storage.Tests;

using Nuage.Testing;

public abstract class MaintenanceTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly StorageFixture _s = new(engine: engine);

    public Task InitializeAsync() => _s.CreateBucketAsync();

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Startup_sweep_removes_temp_files_and_orphans_but_keeps_referenced_and_live_blobs()
    {
        var body = StorageFixture.RandomBytes(200_000);
        await _s.PutAsync("bucket-1", "kept", body);
        string referenced = Assert.Single(_s.BlobFiles());

        // An orphan: renamed into place, then the process "crashed" before the metadata commit.
        await using (var orphanWriter = _s.Blobs.CreateWriter())
        {
            await orphanWriter.WriteAsync(new byte[1000], CancellationToken.None);
            await orphanWriter.CommitAsync(CancellationToken.None);
        }

        string orphan = _s.BlobFiles().Single(f => f != referenced);
        string tmp = Path.Combine(_s.DataDirectory, "blobs", "tmp", Guid.NewGuid().ToString("N"));
        await File.WriteAllBytesAsync(tmp, [1, 2, 3]);
        File.SetLastWriteTimeUtc(tmp, DateTime.UtcNow.AddMinutes(-1));
        File.SetLastWriteTimeUtc(orphan, DateTime.UtcNow.AddMinutes(-1));

        // A live write whose blob is renamed but not yet committed must survive.
        await using var live = _s.Blobs.CreateWriter();
        await live.WriteAsync(new byte[10], CancellationToken.None);
        await live.CommitAsync(CancellationToken.None);
        string liveFile = _s.BlobFiles().Single(f => f != referenced && f != orphan);
        File.SetLastWriteTimeUtc(liveFile, DateTime.UtcNow.AddMinutes(-1));

        var result = await _s.Sweep.RunAsync(CancellationToken.None);

        Assert.Equal(1, result.TemporaryFilesDeleted);
        Assert.Equal(1, result.OrphanBlobsDeleted);
        Assert.False(File.Exists(tmp));
        Assert.False(File.Exists(orphan));
        Assert.True(File.Exists(referenced));
        Assert.True(File.Exists(liveFile));
        Assert.Equal(body, await _s.GetAsync("bucket-1", "kept"));
    }

    [Fact]
    public async Task Blobs_newer_than_the_sweep_are_left_alone()
    {
        await using (var writer = _s.Blobs.CreateWriter())
        {
            await writer.WriteAsync(new byte[10], CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        string file = Assert.Single(_s.BlobFiles());
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
        var result = await _s.Sweep.RunAsync(CancellationToken.None);

        Assert.Equal(0, result.OrphanBlobsDeleted);
        Assert.True(File.Exists(file));
    }

    [Fact]
    public async Task A_sweep_whose_ids_spill_to_sorted_runs_deletes_only_the_orphans_and_leaves_no_run_files()
    {
        // Runs of 2 ids: 12 objects, a deleted one (its blob in the garbage table) and 5 orphans make many runs each.
        var sweep = new Nuage.Storage.Maintenance.StartupSweep(_s.Metadata, _s.Blobs, runLength: 2);
        for (int i = 0; i < 12; i++)
        {
            await _s.PutAsync("bucket-1", $"kept-{i}", StorageFixture.RandomBytes(200_000, seed: i));
        }

        await _s.PutAsync("bucket-1", "deleted", StorageFixture.RandomBytes(200_000, seed: 99));
        await _s.Objects.DeleteObjectAsync("bucket-1", "deleted", null, CancellationToken.None);
        var kept = _s.BlobFiles().ToHashSet();
        Assert.Equal(13, kept.Count);

        var orphans = new List<string>();
        for (int i = 0; i < 5; i++)
        {
            await using var writer = _s.Blobs.CreateWriter();
            await writer.WriteAsync(new byte[100], CancellationToken.None);
            await writer.CommitAsync(CancellationToken.None);
        }

        orphans.AddRange(_s.BlobFiles().Where(f => !kept.Contains(f)));
        Assert.Equal(5, orphans.Count);
        foreach (var file in _s.BlobFiles())
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(-1));
        }

        var result = await sweep.RunAsync(CancellationToken.None);

        Assert.Equal(5, result.OrphanBlobsDeleted);
        Assert.Equal(kept, _s.BlobFiles().ToHashSet());
        Assert.Empty(_s.TemporaryFiles());
        for (int i = 0; i < 12; i++)
        {
            Assert.Equal(StorageFixture.RandomBytes(200_000, seed: i), await _s.GetAsync("bucket-1", $"kept-{i}"));
        }
    }
}

public sealed class MaintenanceTestsOnSqlite() : MaintenanceTests(MetadataEngine.Sqlite);

public sealed class MaintenanceTestsOnPostgres() : MaintenanceTests(MetadataEngine.Postgres);
