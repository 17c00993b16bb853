namespace Nuage.Metadata.Sqlite;

/// <summary>The device shadow statements, shared by the read connections and the write transaction.</summary>
internal static class ShadowStatements
{
    public static ShadowRow? Get(CommandCache commands, string accountId, string thingName, string shadowName)
    {
        using var reader = commands.Get(ShadowSql.Select, 3).Bind(0, accountId).Bind(1, thingName).Bind(2, shadowName).ExecuteReader();
        return reader.Read()
            ? new ShadowRow(accountId, thingName, shadowName, reader.GetInt64(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : null;
    }

    public static void Put(CommandCache commands, ShadowRow row) =>
        commands.Get(ShadowSql.Upsert, 5)
            .Bind(0, row.AccountId).Bind(1, row.ThingName).Bind(2, row.ShadowName).Bind(3, row.Version).Bind(4, row.Document)
            .ExecuteNonQuery();

    public static List<string> ListNames(CommandCache commands, string accountId, string thingName, string after, int limit)
    {
        var names = new List<string>();
        using var reader = commands.Get(ShadowSql.ListNames, 4).Bind(0, accountId).Bind(1, thingName).Bind(2, after).Bind(3, (long)limit).ExecuteReader();
        while (reader.Read())
        {
            names.Add(reader.GetString(0));
        }

        return names;
    }
}
