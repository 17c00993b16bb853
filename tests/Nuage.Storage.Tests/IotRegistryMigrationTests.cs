namespace Nuage.Storage.Tests;

using Microsoft.Data.Sqlite;
using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

/// <summary>
/// Schema 014 (the IoT registry) upgrades a data directory written at schema 011: its buckets stay, the registry
/// starts empty, and its rows are written, read back and deleted with their dependants after.
/// </summary>
public sealed class IotRegistryMigrationTests : IAsyncLifetime
{
    private readonly string _directory = Path.Combine(Path.GetTempPath(), "nuage-tests-" + Guid.NewGuid().ToString("N"));

    public Task InitializeAsync()
    {
        Directory.CreateDirectory(_directory);
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        if (Directory.Exists(_directory))
        {
            Directory.Delete(_directory, recursive: true);
        }

        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_schema_11_database_gets_an_empty_registry_that_keeps_things_credentials_and_policies_after()
    {
        var path = Path.Combine(_directory, "metadata.db");
        using (var connection = new SqliteConnection($"Data Source={path};Pooling=False"))
        {
            connection.Open();
            Execute(connection, "CREATE TABLE schema_version (version INTEGER NOT NULL)");
            string[] scripts = ["001_initial.sql", "002_object_upload_id.sql", "003_identity.sql", "004_object_acls.sql", "005_usage.sql",
                "006_object_tags.sql", "007_versioning.sql", "008_object_lock.sql", "009_object_encryption.sql", "010_kms_keys.sql", "011_current_objects.sql"];
            for (int i = 0; i < scripts.Length; i++)
            {
                Execute(connection, Script(scripts[i]));
                Execute(connection, $"INSERT INTO schema_version (version) VALUES ({i + 1})");
            }

            Execute(connection, "INSERT INTO buckets (name, owner, region, created_at) VALUES ('kept', 'acct-1', 'local', 0)");
        }

        await using (var store = new SqliteMetadataStore(path))
        {
            Assert.NotNull(await store.GetBucketAsync("kept", CancellationToken.None));
            var empty = await store.LoadIotRegistryAsync(CancellationToken.None);
            Assert.Empty(empty.Things);
            Assert.Empty(empty.Credentials);

            var now = DateTimeOffset.UtcNow;
            var inserted = await store.WriteAsync(t => new[]
            {
                t.InsertIotThing(new IotThingRow("acct-1", "sensor-1", "thermometer", "{\"room\":\"kitchen\"}", 1, now)),
                t.InsertIotThing(new IotThingRow("acct-1", "sensor-1", null, "{}", 1, now)),
                t.InsertIotThingGroup(new IotThingGroupRow("acct-1", "kitchen", "", now)),
                t.AddIotGroupMember(new IotGroupMemberRow("acct-1", "kitchen", "sensor-1")),
                t.InsertIotCredential(new IotCredentialRow("cred-1", "acct-1", "sensor-1", [1, 2, 3], true, now)),
                t.InsertIotPolicy(new IotPolicyRow("acct-1", "p", "{}", now)),
                t.AttachIotPolicy(new IotPolicyAttachmentRow("acct-1", "p", IotPolicyTarget.Thing, "sensor-1")),
                t.AttachIotPolicy(new IotPolicyAttachmentRow("acct-1", "p", IotPolicyTarget.ThingGroup, "kitchen")),
            }, CancellationToken.None);
            Assert.Equal([true, false, true, true, true, true, true, true], inserted);
        }

        // Reopened: the rows are durable and the migration does not run twice.
        await using (var store = new SqliteMetadataStore(path))
        {
            var rows = await store.LoadIotRegistryAsync(CancellationToken.None);
            var thing = Assert.Single(rows.Things);
            Assert.Equal(("sensor-1", "thermometer", "{\"room\":\"kitchen\"}", 1L), (thing.Name, thing.ThingType, thing.Attributes, thing.Version));
            Assert.Equal([1, 2, 3], Assert.Single(rows.Credentials).TokenHash);
            Assert.Equal(2, rows.Attachments.Count);

            Assert.True(await store.WriteAsync(t => t.DeleteIotThing("acct-1", "sensor-1"), CancellationToken.None));
            rows = await store.LoadIotRegistryAsync(CancellationToken.None);
            Assert.Empty(rows.Things);
            Assert.Empty(rows.Credentials);
            Assert.Empty(rows.Members);
            Assert.Equal(IotPolicyTarget.ThingGroup, Assert.Single(rows.Attachments).TargetKind);

            Assert.True(await store.WriteAsync(t => t.DeleteIotPolicy("acct-1", "p"), CancellationToken.None));
            Assert.Empty((await store.LoadIotRegistryAsync(CancellationToken.None)).Attachments);
        }
    }

    private static string Script(string name)
    {
        using var stream = typeof(SqliteMetadataStore).Assembly.GetManifestResourceStream("Nuage.Metadata.Sqlite.Schema." + name)!;
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
