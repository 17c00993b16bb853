namespace Nuage.Metadata.Sqlite;

using Nuage.Metadata.Core;

/// <summary>The bucket registry statements, shared by the read connections and the write transaction.</summary>
internal static class BucketRegistryStatements
{
    public static BucketNameRow? Get(CommandCache commands, string name)
    {
        using var reader = commands.Get(BucketRegistrySql.Select, 1).Bind(0, name).ExecuteReader();
        return reader.Read()
            ? new BucketNameRow(name, reader.GetString(0), reader.GetString(1), UtcTicks.ToTimestamp(reader.GetInt64(2)))
            : null;
    }

    public static bool Insert(CommandCache commands, BucketNameRow row) =>
        commands.Get(BucketRegistrySql.Insert, 4)
            .Bind(0, row.Name).Bind(1, row.Owner).Bind(2, row.Region).Bind(3, UtcTicks.From(row.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool Delete(CommandCache commands, string name, string region) =>
        commands.Get(BucketRegistrySql.Delete, 2).Bind(0, name).Bind(1, region).ExecuteNonQuery() == 1;

    public static List<BucketNameRow> ListByOwner(CommandCache commands, string owner)
    {
        var rows = new List<BucketNameRow>();
        using var reader = commands.Get(BucketRegistrySql.ListByOwner, 1).Bind(0, owner).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new BucketNameRow(reader.GetString(0), owner, reader.GetString(1), UtcTicks.ToTimestamp(reader.GetInt64(2))));
        }

        return rows;
    }

    public static List<BucketNameRow> ListByRegion(CommandCache commands, string region)
    {
        var rows = new List<BucketNameRow>();
        using var reader = commands.Get(BucketRegistrySql.ListByRegion, 1).Bind(0, region).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new BucketNameRow(reader.GetString(0), reader.GetString(1), region, UtcTicks.ToTimestamp(reader.GetInt64(2))));
        }

        return rows;
    }
}
