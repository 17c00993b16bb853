using Nuage.Iot.Broker;
using Nuage.Metadata.Sqlite;
using Nuage.Testing;

namespace Nuage.Iot.Tests.Broker;

/// <summary>A <see cref="QueuedMessageStore"/> on a fresh SQLite store in a temporary directory, deleted on dispose.</summary>
internal sealed class SqliteQueuedMessages : IAsyncDisposable
{
    private readonly TempDirectory _directory;

    public SqliteQueuedMessages(string prefix)
    {
        _directory = new TempDirectory(prefix);
        Store = (SqliteMetadataStore)MetadataEngine.Sqlite.Open(_directory.Path);
        Queue = new QueuedMessageStore(Store);
    }

    public SqliteMetadataStore Store { get; }

    public QueuedMessageStore Queue { get; }

    public async ValueTask DisposeAsync()
    {
        await Store.DisposeAsync();
        _directory.Dispose();
    }
}
