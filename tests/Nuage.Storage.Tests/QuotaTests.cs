namespace Nuage.Storage.Tests;

using Nuage.Storage.Objects;
using Nuage.Storage.Quotas;
using Nuage.Testing;

/// <summary>
/// Account quotas decided inside the commit (docs/accounts-and-access.md, "Storage quotas"): writers racing for the
/// last bytes cannot overshoot together, and a write that shrinks usage is allowed even over the quota.
/// </summary>
public abstract class QuotaTests(MetadataEngine engine) : IAsyncLifetime
{
    private readonly StorageFixture _s = new(engine: engine);
    private readonly SettableQuotas _quotas = new();
    private ObjectService _objects = null!;

    public async Task InitializeAsync()
    {
        await _s.CreateBucketAsync();
        _objects = new ObjectService(_s.Metadata, _s.Blobs, _s.Options, quotas: _quotas);
    }

    public async Task DisposeAsync() => await _s.DisposeAsync();

    [Fact]
    public async Task Concurrent_writers_that_fit_alone_but_not_together_are_refused_at_commit()
    {
        _quotas.Limit = 1000;

        // No Content-Length: nothing is refused before the body, so only the commit decides.
        var puts = Enumerable.Range(0, 10).Select(i => Outcome(() => _objects.PutObjectAsync(Put("k" + i, 300, declareLength: false), CancellationToken.None))).ToArray();
        var outcomes = await Task.WhenAll(puts);
        Assert.Equal(3, outcomes.Count(o => o is null));
        Assert.All(outcomes.Where(o => o is not null), o => Assert.Equal(StorageErrorCode.QuotaExceeded, o));
        Assert.Equal(900, await _s.Metadata.GetAccountStoredBytesAsync(StorageFixture.Owner, CancellationToken.None));
    }

    [Fact]
    public async Task An_overwrite_that_shrinks_usage_is_allowed_over_the_quota_and_one_that_grows_it_is_not()
    {
        await _objects.PutObjectAsync(Put("k", 800), CancellationToken.None);
        _quotas.Limit = 500;
        await _objects.PutObjectAsync(Put("k", 600, declareLength: false), CancellationToken.None);
        var grown = await Outcome(() => _objects.PutObjectAsync(Put("k", 700, declareLength: false), CancellationToken.None));
        Assert.Equal(StorageErrorCode.QuotaExceeded, grown);
        Assert.Equal(600, (await _objects.HeadObjectAsync("bucket-1", "k", null, CancellationToken.None)).Size);

        // Another account is not charged for this one's bytes.
        Assert.Null(_quotas.QuotaOf("someone-else"));
    }

    private static PutObjectRequest Put(string key, int size, bool declareLength = true) =>
        new("bucket-1", key, new MemoryStream(StorageFixture.RandomBytes(size)), declareLength ? size : null, ObjectAttributes.Empty);

    private static async Task<StorageErrorCode?> Outcome(Func<Task> write)
    {
        try
        {
            await write();
            return null;
        }
        catch (StorageException e)
        {
            return e.Code;
        }
    }

    /// <summary>The quota of the fixture's owner account, set by each test.</summary>
    private sealed class SettableQuotas : IStorageQuotas
    {
        public long? Limit { get; set; }

        public long? QuotaOf(string accountId) => accountId == StorageFixture.Owner ? Limit : null;
    }
}

public sealed class QuotaTestsOnSqlite() : QuotaTests(MetadataEngine.Sqlite);

public sealed class QuotaTestsOnPostgres() : QuotaTests(MetadataEngine.Postgres);
