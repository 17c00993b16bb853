using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Internal;
using Nuage.Testing;

namespace Nuage.Storage.Tests;

/// <summary>
/// The blobs of a failed metadata write (<see cref="UncommittedBlobs"/>): deleted at once when the write surely
/// failed; when its outcome is unknown (a PostgreSQL COMMIT cut off), kept until the engine says it was not committed,
/// and kept for good when it was or when the engine never finds out.
/// </summary>
public sealed class UncommittedBlobsTests : IDisposable
{
    private readonly TempDirectory _directory = new("nuage-uncommitted-");
    private readonly LocalBlobStore _blobs;

    public UncommittedBlobsTests()
    {
        _blobs = new LocalBlobStore(Path.Combine(_directory.Path, "blobs"));
    }

    public void Dispose() => _directory.Dispose();

    [Fact]
    public async Task A_write_that_failed_loses_its_blobs_at_once()
    {
        var blob = await WriteBlobAsync();
        UncommittedBlobs.Reclaim(_blobs, new MetadataUnavailableException(), [blob]);
        Assert.False(Exists(blob));
    }

    [Fact]
    public async Task A_write_in_doubt_keeps_its_blobs_until_it_is_known_not_to_be_committed()
    {
        var first = await WriteBlobAsync();
        var second = await WriteBlobAsync();
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        UncommittedBlobs.Reclaim(_blobs, Unknown(outcome.Task), [first, second]);
        Assert.True(Exists(first) && Exists(second));

        outcome.SetResult(false);
        await WaitUntilAsync(() => !Exists(first) && !Exists(second));
    }

    [Fact]
    public async Task A_write_in_doubt_that_turns_out_committed_keeps_its_blobs()
    {
        var blob = await WriteBlobAsync();
        var outcome = new TaskCompletionSource<bool>(TaskCreationOptions.RunContinuationsAsynchronously);
        UncommittedBlobs.Reclaim(_blobs, Unknown(outcome.Task), [blob]);
        outcome.SetResult(true);
        await outcome.Task;

        // The continuation runs within microseconds of the outcome; a delete would show by then.
        await Task.Delay(200);
        Assert.True(Exists(blob));
    }

    [Fact]
    public async Task A_write_whose_outcome_is_never_known_keeps_its_blobs_for_the_startup_sweep()
    {
        var blob = await WriteBlobAsync();
        UncommittedBlobs.Reclaim(_blobs, new MetadataOutcomeUnknownException(), [blob]);
        await Task.Delay(200);
        Assert.True(Exists(blob));
    }

    private static MetadataOutcomeUnknownException Unknown(Task<bool> committed) =>
        new("a COMMIT went unanswered", new IOException("connection reset"), committed);

    private bool Exists(Guid blobId) => _blobs.EnumerateBlobs().Any(file => file.BlobId == blobId);

    private async Task<Guid> WriteBlobAsync()
    {
        await using var writer = _blobs.CreateWriter();
        await writer.WriteAsync(new byte[4096], CancellationToken.None);
        await writer.CommitAsync(CancellationToken.None);
        return writer.BlobId;
    }

    private static async Task WaitUntilAsync(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(10);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the blobs were not deleted");
            await Task.Delay(20);
        }
    }
}
