namespace Nuage.Storage.Buckets.Directory;

/// <summary>
/// One asynchronous lock per bucket name, shared by this region's CreateBucket and DeleteBucket and its reconciling
/// sweep (docs/regions.md, "Reconciling names"). A create holds its name from the claim at the control region to the
/// local insert, a delete from the local delete to the release, and the sweep while it checks that no bucket exists
/// here and releases the name. So the sweep never frees a name whose bucket is being made right now: it either runs
/// before the claim (which then claims afresh) or after the insert (and finds the bucket). Names are locked only while
/// in use: an entry lives as long as someone holds or waits for it.
/// </summary>
public sealed class BucketNameLocks
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    /// <summary>Waits for the name's lock; dispose the result to let the next holder in.</summary>
    public async Task<IDisposable> AcquireAsync(string name, CancellationToken cancellationToken)
    {
        Entry entry;
        lock (_entries)
        {
            if (!_entries.TryGetValue(name, out entry!))
            {
                entry = new Entry();
                _entries[name] = entry;
            }

            entry.Users++;
        }

        try
        {
            await entry.Gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            Leave(name, entry);
            throw;
        }

        return new Holder(this, name, entry);
    }

    private void Leave(string name, Entry entry)
    {
        lock (_entries)
        {
            if (--entry.Users == 0)
            {
                _entries.Remove(name);
                entry.Gate.Dispose();
            }
        }
    }

    private sealed class Entry
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);

        public int Users { get; set; }
    }

    private sealed class Holder(BucketNameLocks owner, string name, Entry entry) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                entry.Gate.Release();
                owner.Leave(name, entry);
            }
        }
    }
}
