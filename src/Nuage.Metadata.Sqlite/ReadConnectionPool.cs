namespace Nuage.Metadata.Sqlite;

using System.Collections.Concurrent;

/// <summary>
/// A small pool of read-only connections. Renting never waits: when every pooled connection is busy a new one is
/// opened, and connections beyond the pool's size are closed on return, so bursts are served and idle memory stays small.
/// </summary>
internal sealed class ReadConnectionPool(string connectionString, int size) : IDisposable
{
    private readonly ConcurrentBag<ReadConnection> _idle = [];
    private int _idleCount;
    private bool _disposed;

    public ReadConnection Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        if (_idle.TryTake(out var connection))
        {
            Interlocked.Decrement(ref _idleCount);
            return connection;
        }

        return new ReadConnection(connectionString);
    }

    public void Return(ReadConnection connection)
    {
        if (!_disposed && Interlocked.Increment(ref _idleCount) <= size)
        {
            _idle.Add(connection);
            return;
        }

        Interlocked.Decrement(ref _idleCount);
        connection.Dispose();
    }

    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var connection))
        {
            connection.Dispose();
        }
    }
}
