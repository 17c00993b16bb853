namespace Nuage.Metadata.Postgres;

using Npgsql;

/// <summary>
/// One batch transaction of <see cref="PostgresWriter"/> as its units of work see it. The operations are split by
/// area over partial files (PostgresTransaction.Objects.cs, .Identity.cs, .Iot.cs); this file holds what they share:
/// statements with positional parameters ($1..$n) on the writer's connection, prepared by Npgsql's automatic
/// preparation after their second use.
/// <para>
/// Round trips are what a PostgreSQL write costs most (docs/metadata-engines.md "Throughput"): the writer is one
/// thread waiting for each answer in turn. So statements whose answer nobody reads (<see cref="Write"/>: a pointer
/// moved, an ACL row cleared, a garbage row added) are held back and sent in one <see cref="NpgsqlBatch"/> ahead of
/// the next statement that needs an answer, or with the COMMIT; the server runs them in the order they were written,
/// so every statement still sees the ones before it. An error in a held-back statement surfaces with the statement it
/// was sent with, possibly in a later unit of the batch; the writer then runs the batch again with a savepoint per
/// unit, where <see cref="SendsEachWrite"/> sends every statement at once so each error belongs to its own unit.
/// </para>
/// </summary>
internal sealed partial class PostgresTransaction(NpgsqlConnection connection, DateTimeOffset now, bool sendsEachWrite) : IMetadataTransaction
{
    // A bound on what is sent before any answer is read: the server's answers to a batch wait in the socket until
    // the batch is written, and a few hundred short answers fit its buffer (a longer batch could block both ends).
    private const int MaxHeld = 100;

    private readonly List<NpgsqlBatchCommand> _held = [];

    // PUTs of consecutive units, held as one group until anything else is written or read (PostgresPutGroup).
    private readonly PostgresPutGroup _puts = new();

    public DateTimeOffset Now => now;

    /// <summary>True when every statement goes to the server as it is written (a batch run with savepoints).</summary>
    public bool SendsEachWrite => sendsEachWrite;

    /// <summary>Statements written but not yet sent.</summary>
    public int HeldWrites => _held.Count + _puts.Statements;

    /// <summary>
    /// A statement whose answer is not needed: held back until the next statement that needs one, or the commit
    /// (sent at once when <see cref="SendsEachWrite"/>).
    /// </summary>
    public void Write(string sql, params object?[] arguments)
    {
        if (sendsEachWrite)
        {
            Execute(sql, arguments);
            return;
        }

        HoldPuts();
        _held.Add(PostgresCommands.CreateBatchCommand(sql, arguments));
        if (_held.Count >= MaxHeld)
        {
            SendHeld();
        }
    }

    /// <summary>Sends the held statements, if any, and waits for the server to run them.</summary>
    public void SendHeld()
    {
        HoldPuts();
        if (_held.Count == 0)
        {
            return;
        }

        using var batch = TakeHeld(null);
        batch.ExecuteNonQuery();
    }

    /// <summary>Forgets the held statements without sending them (the transaction is being rolled back).</summary>
    public void DropHeld()
    {
        _held.Clear();
        _puts.Clear();
    }

    /// <summary>Runs a statement, after the held ones; returns the rows it changed.</summary>
    public int Execute(string sql, params object?[] arguments)
    {
        HoldPuts();
        if (_held.Count == 0)
        {
            using var command = PostgresCommands.Create(connection, sql, arguments);
            return command.ExecuteNonQuery();
        }

        using var batch = TakeHeld(PostgresCommands.CreateBatchCommand(sql, arguments));
        batch.ExecuteNonQuery();
        return batch.BatchCommands[^1].RecordsAffected;
    }

    /// <summary>The first column of the first row, or null when there is no row (or it is NULL).</summary>
    public object? Scalar(string sql, params object?[] arguments)
    {
        using var reader = Query(sql, arguments);
        object? value = reader.Read() ? reader.GetValue(0) : null;
        return value is DBNull ? null : value;
    }

    /// <summary>Runs a query, after the held statements; the caller disposes the reader before the next statement.</summary>
    public NpgsqlDataReader Query(string sql, params object?[] arguments)
    {
        HoldPuts();
        if (_held.Count == 0)
        {
            using var command = PostgresCommands.Create(connection, sql, arguments);
            return command.ExecuteReader();
        }

        // The held statements return no rows, so the reader starts at the query's own result (Npgsql skips the
        // results of statements without a row description).
        using var batch = TakeHeld(PostgresCommands.CreateBatchCommand(sql, arguments));
        return batch.ExecuteReader();
    }

    /// <summary>
    /// Holds a PUT in the group of PUTs; the group is sent first when the PUT cannot join it (its key is there
    /// already, or it is of the other kind). Each statement is sent at once when <see cref="SendsEachWrite"/>.
    /// </summary>
    private void HoldPut(string bucket, string key, object?[] written, bool replaces)
    {
        if (!_puts.CanTake(bucket, key, replaces))
        {
            HoldPuts();
        }

        _puts.Add(bucket, key, written, replaces);
        if (sendsEachWrite)
        {
            SendHeld();
        }
    }

    /// <summary>Turns the group of PUTs, if any, into held statements, behind those held before it.</summary>
    private void HoldPuts()
    {
        if (_puts.Count > 0)
        {
            _held.AddRange(_puts.Take(now));
        }
    }

    private NpgsqlBatch TakeHeld(NpgsqlBatchCommand? last)
    {
        var batch = new NpgsqlBatch(connection);
        foreach (var command in _held)
        {
            batch.BatchCommands.Add(command);
        }

        // Cleared before sending: whatever the outcome, these statements are no longer waiting.
        _held.Clear();
        if (last is not null)
        {
            batch.BatchCommands.Add(last);
        }

        return batch;
    }
}
