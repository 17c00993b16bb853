namespace Nuage.Testing;

/// <summary>
/// One cluster per test process made from scratch (initdb, the test user's password, the test database) and
/// stopped cleanly; every <see cref="PostgresCluster"/> starts from a copy of its data directory. initdb costs a
/// second or more on the test machines, a copy and a start a fraction of that. The copies share the template's
/// system identifier and password, which only matters between a primary and its standby (a standby is made from
/// its primary by pg_basebackup anyway). Removed when the test process exits, or else (the test runner may kill
/// its test host before exit handlers finish) by the next test process that makes one.
/// </summary>
internal static class PostgresTemplate
{
    private static readonly Lazy<Task<PostgresCluster>> Template = new(CreateAsync);

    /// <summary>
    /// The stopped template. A failure (PostgreSQL missing, initdb failing) is kept, so every cluster of the
    /// process fails with the same message rather than retrying it.
    /// </summary>
    public static Task<PostgresCluster> GetAsync() => Template.Value;

    /// <summary>A template's directory name: the prefix, the pid of the test process it belongs to, a dash.</summary>
    private const string Prefix = "nuage-pg-template-";

    private static async Task<PostgresCluster> CreateAsync()
    {
        EndedTestProcessDirectories.Remove(Prefix);
        var template = new PostgresCluster { DirectoryPrefix = $"{Prefix}{Environment.ProcessId}-" };
        AppDomain.CurrentDomain.ProcessExit += (_, _) => template.DisposeAsync().GetAwaiter().GetResult();
        try
        {
            await template.CreateFromScratchAsync();
            await template.StopAsync(PostgresStopMode.Fast);
            return template;
        }
        catch
        {
            await template.DisposeAsync();
            throw;
        }
    }
}
