namespace Nuage.Storage.Tests;

using Microsoft.Data.Sqlite;

/// <summary>
/// The embedded SQLite must have the fix of the WAL-reset bug (https://sqlite.org/wal.html#walresetbug, versions 3.7.0
/// to 3.51.2): a checkpoint on one connection racing a commit that resets the WAL on another could corrupt the
/// database, and Nuage checkpoints on a background connection beside its writer (WalCheckpointer). It showed as
/// "database disk image is malformed" in WalCheckpointTests' rival-checkpointer test under CI load with SQLite 3.49.1.
/// </summary>
public sealed class SqliteVersionTests
{
    [Fact]
    public void The_bundled_sqlite_has_the_wal_reset_fix()
    {
        using var connection = new SqliteConnection("Data Source=:memory:");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT sqlite_version()";
        var version = Version.Parse((string)command.ExecuteScalar()!);
        Assert.True(version >= new Version(3, 51, 3), $"SQLite {version} has the WAL-reset bug; it was fixed in 3.51.3");
    }
}
