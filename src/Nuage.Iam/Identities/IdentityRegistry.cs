using Nuage.Iam.Secrets;
using Nuage.Metadata;

namespace Nuage.Iam.Identities;

/// <summary>
/// Holds the current <see cref="IdentityDirectory"/> and applies changes to it one at a time: a change is decided
/// against the current snapshot, committed to the metadata store in one transaction (durable before anyone is
/// answered, DESIGN.md invariant 3), and only then published. IAM writes are rare, so one lock orders them; reads
/// never wait for it.
/// </summary>
public sealed class IdentityRegistry(IMetadataStore metadata, SecretSealer sealer) : IDisposable
{
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private volatile IdentityDirectory _current = IdentityDirectory.Empty;
    private volatile bool _loaded;

    /// <summary>The latest committed directory. Empty until <see cref="LoadAsync"/> ran.</summary>
    public IdentityDirectory Current => _current;

    public SecretSealer Sealer => sealer;

    /// <summary>Reads every identity from the store; the host calls it before it starts listening.</summary>
    public async Task LoadAsync(CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var rows = await metadata.LoadIdentityAsync(cancellationToken).ConfigureAwait(false);
            _current = IdentityRowCodec.Load(rows, sealer);
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
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!_loaded)
            {
                throw new InvalidOperationException("The identity registry was not loaded.");
            }

            var change = decide(_current);
            await metadata.WriteAsync(
                tx =>
                {
                    change.Persist(tx);
                    return true;
                },
                CancellationToken.None).ConfigureAwait(false);
            _current = change.Next;
            return change.Result;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public void Dispose() => _writeLock.Dispose();
}
