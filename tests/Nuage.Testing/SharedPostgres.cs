using Npgsql;
using Nuage.Metadata.Postgres;

namespace Nuage.Testing;

/// <summary>
/// One PostgreSQL server per test process for the metadata conformance suite (<see cref="MetadataEngine.Postgres"/>):
/// started on first use from the process's template (<see cref="PostgresTemplate"/>), stopped and removed when the
/// process exits, or else (the test runner may kill its test host first) by the next test process that starts one.
/// Each store gets its own database, copied from a template database the engine migrated once, so a test starts from
/// an empty, current schema in a few milliseconds and never sees another test's rows. Tests that stop, kill or fail
/// over a server start their own <see cref="PostgresCluster"/> instead.
/// </summary>
public static class SharedPostgres
{
    private const string TemplateDatabase = "nuage_migrated";

    private static readonly Lazy<PostgresCluster> Server = new(Start, LazyThreadSafetyMode.ExecutionAndPublication);
    private static readonly object Creating = new();

    /// <summary>The running server (started on first use).</summary>
    public static PostgresCluster Cluster => Server.Value;

    /// <summary>A postgresql:// URL for <paramref name="database"/>, created (empty, migrated) when it does not exist.</summary>
    public static string DatabaseUrl(string database)
    {
        var cluster = Cluster;
        lock (Creating)
        {
            using var connection = new NpgsqlConnection(cluster.ConnectionString);
            connection.Open();
            using var exists = new NpgsqlCommand("SELECT EXISTS (SELECT 1 FROM pg_database WHERE datname = $1)", connection);
            exists.Parameters.Add(new NpgsqlParameter { Value = database });
            if (!(bool)exists.ExecuteScalar()!)
            {
                // Identifiers cannot be parameters; the name is ours (nuage_ and hex digits).
                using var create = new NpgsqlCommand($"CREATE DATABASE \"{database}\" TEMPLATE {TemplateDatabase}", connection);
                create.ExecuteNonQuery();
            }
        }

        return $"postgresql://{PostgresCluster.User}:{cluster.Password}@{cluster.Host}:{cluster.Port}/{database}";
    }

    /// <summary>Drops a test database if it exists (a test's data directory is going away).</summary>
    public static void DropDatabase(string database)
    {
        if (!Server.IsValueCreated)
        {
            return;
        }

        using var connection = new NpgsqlConnection(Cluster.ConnectionString);
        connection.Open();
        using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{database}\" WITH (FORCE)", connection);
        drop.ExecuteNonQuery();
    }

    /// <summary>The shared server's directory name: the prefix, the pid of the test process it belongs to, a dash.</summary>
    private const string Prefix = "nuage-pg-shared-";

    private static PostgresCluster Start()
    {
        EndedTestProcessDirectories.Remove(Prefix);
        var cluster = new PostgresCluster { DirectoryPrefix = $"{Prefix}{Environment.ProcessId}-" };
        cluster.InitializeAsync().GetAwaiter().GetResult();
        AppDomain.CurrentDomain.ProcessExit += (_, _) => cluster.DisposeAsync().GetAwaiter().GetResult();
        using (var connection = new NpgsqlConnection(cluster.ConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {TemplateDatabase}", connection);
            create.ExecuteNonQuery();
        }

        // The engine migrates the template once; every test database is a copy of it.
        var url = $"postgresql://{PostgresCluster.User}:{cluster.Password}@{cluster.Host}:{cluster.Port}/{TemplateDatabase}";
        new PostgresMetadataStore(url).DisposeAsync().AsTask().GetAwaiter().GetResult();
        NpgsqlConnection.ClearAllPools();
        return cluster;
    }
}
