namespace Nuage.Storage.Tests;

using Microsoft.Data.Sqlite;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

/// <summary>
/// Schema 020 (X.509 device certificates) upgrades a data directory written at schema 018: its things and token
/// credentials stay, no certificate exists yet, and certificates are written, disabled, read back and deleted with
/// their thing after.
/// </summary>
public sealed class IotCertificateMigrationTests : IDisposable
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-tests-" + Guid.NewGuid().ToString("N"));

    public IotCertificateMigrationTests() => Directory.CreateDirectory(_directory);

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    [Fact]
    public async Task A_schema_18_database_keeps_its_registry_and_takes_certificates_after()
    {
        var path = Path.Combine(_directory, "metadata.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL)");
            foreach (var (version, script) in ScriptsUpTo(18))
            {
                Execute(connection, script);
                Execute(connection, $"INSERT INTO schema_version (version) VALUES ({version})");
            }

            Execute(connection, "INSERT INTO iot_things (account_id, name, thing_type, attributes, version, created_at) VALUES ('acct-1', 'lamp', NULL, '{}', 1, 0)");
            Execute(connection, "INSERT INTO iot_credentials (credential_id, account_id, thing_name, token_hash, active, created_at) VALUES ('dev_1', 'acct-1', 'lamp', x'00', 1, 0)");
        }

        var notBefore = new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
        var notAfter = notBefore.AddYears(1);
        var created = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);
        var id = new string('a', 64);
        await using (var store = new SqliteMetadataStore(path))
        {
            var registry = await store.LoadIotRegistryAsync(CancellationToken.None);
            Assert.Equal("lamp", Assert.Single(registry.Things).Name);
            Assert.Equal("dev_1", Assert.Single(registry.Credentials).CredentialId);
            Assert.Empty(await store.ListIotCertificatesAsync(CancellationToken.None));

            var row = new IotCertificateRow(id, "acct-1", "lamp", "-----BEGIN CERTIFICATE-----\n...", notBefore, notAfter, true, created);
            Assert.True(await store.WriteAsync(t => t.InsertIotCertificate(row), CancellationToken.None));
            // The id is the certificate's fingerprint: the same certificate cannot be registered twice, in any account.
            Assert.False(await store.WriteAsync(t => t.InsertIotCertificate(row with { AccountId = "acct-2" }), CancellationToken.None));
            Assert.True(await store.WriteAsync(t => t.SetIotCertificateActive(id, false), CancellationToken.None));
        }

        await using (var reopened = new SqliteMetadataStore(path))
        {
            var stored = Assert.Single(await reopened.ListIotCertificatesAsync(CancellationToken.None));
            Assert.Equal(new IotCertificateRow(id, "acct-1", "lamp", "-----BEGIN CERTIFICATE-----\n...", notBefore, notAfter, false, created), stored);
            Assert.Equal(1, await reopened.WriteAsync(t => t.DeleteIotCertificatesOfThing("acct-1", "lamp"), CancellationToken.None));
            Assert.Empty(await reopened.ListIotCertificatesAsync(CancellationToken.None));
            Assert.False(await reopened.WriteAsync(t => t.DeleteIotCertificate(id), CancellationToken.None));
        }

        using var check = new SqliteConnection($"Data Source={path};Pooling=False");
        check.Open();
        using var command = check.CreateCommand();
        command.CommandText = "SELECT MAX(version) FROM schema_version";
        Assert.True(Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) >= 20);
    }

    /// <summary>The embedded numbered scripts up to <paramref name="last"/>, in order.</summary>
    private static IEnumerable<(int Version, string Text)> ScriptsUpTo(int last)
    {
        var assembly = typeof(SqliteMetadataStore).Assembly;
        const string prefix = "Nuage.Metadata.Sqlite.Schema.";
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            var version = int.Parse(name.AsSpan(prefix.Length, 3), System.Globalization.CultureInfo.InvariantCulture);
            if (version > last)
            {
                continue;
            }

            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            yield return (version, reader.ReadToEnd());
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
