namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Telemetry;

/// <summary>
/// The PostgreSQL metadata engine (issue 18, docs/metadata-engines.md): the schema migrated at start, one
/// group-committing writer (<see cref="PostgresWriter"/>) and reads on Npgsql's connection pool. Reads and writes
/// that cannot reach the database fail with <see cref="MetadataUnavailableException"/> and the pool reconnects by
/// itself; a multi-host connection string with Target Session Attributes=read-write follows a failover. The reads are
/// split by area over partial files (PostgresMetadataStore.Objects.cs, .Identity.cs, .Iot.cs).
/// </summary>
public sealed partial class PostgresMetadataStore : IMetadataStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresWriter _writer;
    private readonly PostgresLatestLookups _latestLookups;
    private int _disposed;

    /// <param name="connection">A postgresql:// URL or Npgsql keywords (<see cref="PostgresUrl"/>).</param>
    /// <exception cref="MetadataUnavailableException">The database cannot be reached; the message names it.</exception>
    public PostgresMetadataStore(string connection, NuageMetrics? metrics = null)
    {
        var builder = PostgresUrl.Parse(connection);
        Target = PostgresUrl.Describe(builder);
        _dataSource = new NpgsqlDataSourceBuilder(builder.ConnectionString).Build();
        try
        {
            using var migration = _dataSource.OpenConnection();
            PostgresSchemaMigrator.Migrate(migration);
        }
        catch (Exception ex) when (PostgresErrors.IsUnavailable(ex))
        {
            _dataSource.Dispose();
            throw new MetadataUnavailableException($"Cannot reach the metadata database {Target}: {ex.Message}", ex);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }

        _ = metrics;
        _writer = new PostgresWriter(_dataSource);
        _latestLookups = new PostgresLatestLookups(read => ReadAsync(read, CancellationToken.None), Math.Max(2, Environment.ProcessorCount));
    }

    /// <summary>The database this store uses, for messages (postgresql://host:port/db, no credentials).</summary>
    public string Target { get; }

    public MetadataStatistics Statistics => _writer.Statistics;

    /// <summary>Statements the latest-version lookups of GET and HEAD have sent (tests: concurrent lookups share them).</summary>
    internal long LatestLookupStatements => _latestLookups.Statements;

    /// <summary>How long a write whose COMMIT went unanswered waits for its outcome before it is answered 503 (tests shorten it).</summary>
    internal TimeSpan InDoubtAnswerBound
    {
        get => _writer.InDoubtAnswerBound;
        set => _writer.InDoubtAnswerBound = value;
    }

    public WriteReplay WriteReplay => WriteReplay.OnSerializationFailure;

    public Task<T> WriteAsync<T>(Func<IMetadataTransaction, T> work, CancellationToken cancellationToken) =>
        _writer.Enqueue(work, cancellationToken);

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _writer.DisposeAsync().ConfigureAwait(false);
        await _dataSource.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on a pooled connection; a database out of reach becomes
    /// <see cref="MetadataUnavailableException"/>.
    /// </summary>
    internal async ValueTask<T> ReadAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        try
        {
            await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            return await read(connection, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (PostgresErrors.IsUnavailable(ex) && !cancellationToken.IsCancellationRequested)
        {
            // The other idle connections of the pool most likely died with this one (a restart, a failover): drop
            // them now, so the requests after the database returns do not each meet a dead one first.
            _dataSource.Clear();
            throw PostgresErrors.Unavailable(ex);
        }
    }

    /// <summary>
    /// <see cref="ReadAsync{T}"/> inside a REPEATABLE READ, READ ONLY transaction: several statements see one
    /// snapshot (the "one consistent read" loads).
    /// </summary>
    internal ValueTask<T> ReadSnapshotAsync<T>(Func<NpgsqlConnection, CancellationToken, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(
            async (connection, token) =>
            {
                await using var transaction = await connection.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, token).ConfigureAwait(false);
                T result = await read(connection, token).ConfigureAwait(false);
                await transaction.CommitAsync(token).ConfigureAwait(false);
                return result;
            },
            cancellationToken);

    /// <summary>A command on <paramref name="connection"/> with positional parameters (null is SQL NULL).</summary>
    internal static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object?[] arguments) =>
        PostgresCommands.Create(connection, sql, arguments);
}
