namespace Nuage.Metadata.Sqlite;

using System.Globalization;
using Nuage.Metadata.Core;

/// <summary>IoT rules and their spool (schema 017), shared by the read connections and the write transaction.</summary>
internal static class IotRuleStatements
{
    public static bool InsertRule(CommandCache commands, IotRuleRow rule) =>
        commands.Get(IotRuleSql.InsertRule, 4)
            .Bind(0, rule.AccountId).Bind(1, rule.Name).Bind(2, rule.Definition).Bind(3, UtcTicks.From(rule.CreatedAt))
            .ExecuteNonQuery() == 1;

    /// <summary>The rule goes with its spool: messages of a deleted rule are dropped, not written anywhere.</summary>
    public static bool DeleteRule(CommandCache commands, string accountId, string name)
    {
        commands.Get(IotRuleSql.DeleteSpoolOfRule, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery();
        return commands.Get(IotRuleSql.DeleteRule, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery() == 1;
    }

    public static List<IotRuleRow> ListRules(CommandCache commands)
    {
        var rules = new List<IotRuleRow>();
        using var reader = commands.Get(IotRuleSql.ListRules, 0).ExecuteReader();
        while (reader.Read())
        {
            rules.Add(new IotRuleRow(reader.GetString(0), reader.GetString(1), reader.GetString(2), UtcTicks.ToTimestamp(reader.GetInt64(3))));
        }

        return rules;
    }

    public static void Spool(CommandCache commands, string accountId, string ruleName, DateTimeOffset receivedAt, string line) =>
        commands.Get(IotRuleSql.InsertSpool, 4)
            .Bind(0, accountId).Bind(1, ruleName).Bind(2, UtcTicks.From(receivedAt)).Bind(3, line)
            .ExecuteNonQuery();

    public static long? Claim(CommandCache commands, string accountId, string ruleName, int maxMessages, long maxBytes)
    {
        long first = -1;
        long last = -1;
        long bytes = 0;
        using (var reader = commands.Get(IotRuleSql.WaitingOfRule, 3).Bind(0, accountId).Bind(1, ruleName).Bind(2, (long)maxMessages).ExecuteReader())
        {
            while (reader.Read())
            {
                long seq = reader.GetInt64(0);
                long size = reader.GetInt64(1) + 1;
                if (first >= 0 && bytes + size > maxBytes)
                {
                    break;
                }

                first = first < 0 ? seq : first;
                last = seq;
                bytes += size;
            }
        }

        if (first < 0)
        {
            return null;
        }

        commands.Get(IotRuleSql.Claim, 4).Bind(0, accountId).Bind(1, ruleName).Bind(2, first).Bind(3, last).ExecuteNonQuery();
        return first;
    }

    public static List<IotSpoolBatch> ListClaimed(CommandCache commands)
    {
        var batches = new List<IotSpoolBatch>();
        using var reader = commands.Get(IotRuleSql.ListClaimed, 0).ExecuteReader();
        while (reader.Read())
        {
            batches.Add(new IotSpoolBatch(reader.GetInt64(0), reader.GetString(1), reader.GetString(2)));
        }

        return batches;
    }

    public static List<IotSpoolRow> ReadBatch(CommandCache commands, long batchId)
    {
        var rows = new List<IotSpoolRow>();
        using var reader = commands.Get(IotRuleSql.ReadBatch, 1).Bind(0, batchId).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new IotSpoolRow(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), UtcTicks.ToTimestamp(reader.GetInt64(3)), reader.GetString(4)));
        }

        return rows;
    }

    public static int DeleteBatch(CommandCache commands, long batchId) =>
        commands.Get(IotRuleSql.DeleteBatch, 1).Bind(0, batchId).ExecuteNonQuery();

    public static List<IotSpoolStats> Stats(CommandCache commands)
    {
        var stats = new List<IotSpoolStats>();
        using var reader = commands.Get(IotRuleSql.Stats, 0).ExecuteReader();
        while (reader.Read())
        {
            stats.Add(new IotSpoolStats(
                reader.GetString(0), reader.GetString(1), reader.GetInt64(2), reader.GetInt64(3),
                reader.IsDBNull(4) ? DateTimeOffset.MinValue : UtcTicks.ToTimestamp(reader.GetInt64(4)),
                Convert.ToInt64(reader.GetValue(5), CultureInfo.InvariantCulture)));
        }

        return stats;
    }
}
