namespace Nuage.Metadata;

/// <summary>
/// What an engine may do with the delegate given to <see cref="IMetadataStore.WriteAsync{T}"/> when the database
/// cannot serialize its transaction with concurrent ones (docs/storage-engine.md "Write delegates and retries").
/// Callers write every delegate so that either value is safe: it reads and writes only through its transaction and
/// returns its result, so a second run starts from a clean slate.
/// </summary>
public enum WriteReplay
{
    /// <summary>
    /// The delegate runs at most once per call. The engine serializes writers itself (SQLite: one writer thread
    /// owns the only write connection), so no serialization failure can happen between them.
    /// </summary>
    Never,

    /// <summary>
    /// After a serialization failure (PostgreSQL SQLSTATE 40001 "serialization_failure" or 40P01 "deadlock_detected",
    /// a CockroachDB transaction restart) the engine rolls the transaction back and runs the delegate again in a new
    /// one, a bounded number of times; then the call fails with <see cref="MetadataConflictException"/>.
    /// </summary>
    OnSerializationFailure,
}
