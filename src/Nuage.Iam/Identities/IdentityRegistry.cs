using System.Security.Cryptography;
using Nuage.Iam.Secrets;
using Nuage.Metadata;

namespace Nuage.Iam.Identities;

/// <summary>
/// Holds the current <see cref="IdentityDirectory"/> and applies changes to it one at a time: a change is decided
/// against the current snapshot, committed to the metadata store in one transaction (durable before anyone is
/// answered, DESIGN.md invariant 3), and only then published. IAM writes are rare, so one lock orders them; reads
/// never wait for it.
/// </summary>
/// <remarks>
/// In a federation the control region's registry is the one that decides; every other region's is a follower
/// (<see cref="FollowControlRegion"/>): it takes whole directories from the control region's identity feed through
/// <see cref="ReplaceAsync"/>, keeps them in its own tables (its cache, which outlives a restart while the control
/// region is out of reach), and refuses changes of its own, so a write that was not forwarded cannot be silently
/// overwritten by the next copy (docs/regions.md, "Identities").
/// </remarks>
public sealed class IdentityRegistry(IMetadataStore metadata, SecretSealer sealer) : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private readonly string _epoch = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
    private volatile IdentitySnapshot _snapshot = new(IdentityDirectory.Empty, "", 0);
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private volatile bool _loaded;
    private volatile string? _controlRegion;

    /// <summary>The latest committed directory. Empty until <see cref="LoadAsync"/> ran.</summary>
    public IdentityDirectory Current => _snapshot.Directory;

    /// <summary>The latest committed directory with its change number, for the identity feed.</summary>
    public IdentitySnapshot Snapshot => _snapshot;

    public SecretSealer Sealer => sealer;

    /// <summary>The control region this registry copies, or null when it decides changes itself.</summary>
    public string? ControlRegion => _controlRegion;

    /// <summary>Makes this registry a copy of <paramref name="controlRegion"/>'s: its own changes are refused from now on.</summary>
    public void FollowControlRegion(string controlRegion) => _controlRegion = controlRegion;

    /// <summary>Reads every identity from the store; the host calls it before it starts listening.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await metadata.LoadIdentityAsync(cancellationToken).ConfigureAwait(false);
            Publish(IdentityRowCodec.Load(rows, sealer));
            _loaded = true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Decides a change with <paramref name="decide"/> (which throws <see cref="IamException"/> to refuse), commits
    /// it, publishes the new directory and returns the change's result.
    /// </summary>
    public async Task<T> ChangeAsync<T>(Func<IdentityDirectory, IdentityChange<T>> decide, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(decide);
        if (_controlRegion is { } control)
        {
            throw new IamException(
                IamErrorCode.InvalidInput,
                $"Accounts and identities of this federation are kept by its control region ({control}): make this change there.");
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureLoaded();
            var change = decide(Current);
            await metadata.WriteAsync(
                tx =>
                {
                    change.Persist(tx);
                    return true;
                },
                CancellationToken.None).ConfigureAwait(false);
            Publish(change.Next);
            return change.Result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// Makes <paramref name="next"/> (the control region's whole directory) this region's: the rows that differ are
    /// written in one transaction (secrets sealed with this region's own key), then it is published. Returns false,
    /// writing nothing, when nothing differs.
    /// </summary>
    public async Task<bool> ReplaceAsync(IdentityDirectory next, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(next);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            EnsureLoaded();
            var persist = IdentityDirectoryDiff.Between(Current, next, sealer);
            if (persist is null)
            {
                return false;
            }

            await metadata.WriteAsync(
                tx =>
                {
                    persist(tx);
                    return true;
                },
                CancellationToken.None).ConfigureAwait(false);
            Publish(next);
            return true;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The current snapshot as soon as its version differs from <paramref name="seenVersion"/>, or after
    /// <paramref name="wait"/> whatever it is: the identity feed's long poll.
    /// </summary>
    public async Task<IdentitySnapshot> WaitForChangeAsync(long seenVersion, TimeSpan wait, CancellationToken cancellationToken)
    {
        // The signal is read before the snapshot: Publish sets the snapshot first and completes the old signal after,
        // so a change between the two reads is seen either in the snapshot or through the signal.
        var signal = Volatile.Read(ref _changed).Task;
        var snapshot = _snapshot;
        if (snapshot.Version != seenVersion)
        {
            return snapshot;
        }

        try
        {
            await signal.WaitAsync(wait, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            // Nothing changed: the caller gets the same snapshot and asks again.
        }

        return _snapshot;
    }

    private void EnsureLoaded()
    {
        if (!_loaded)
        {
            throw new InvalidOperationException("The identity registry was not loaded.");
        }
    }

    private void Publish(IdentityDirectory next)
    {
        _snapshot = new IdentitySnapshot(next, _epoch, _snapshot.Version + 1);
        Interlocked.Exchange(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).TrySetResult();
    }

    public void Dispose() => _writeLock.Dispose();
}
