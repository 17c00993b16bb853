namespace Nuage.Metadata.Sqlite;

/// <summary>Statements of IoT rules and their spool (schema 017).</summary>
internal static class IotRuleSql
{
    public const string InsertRule =
        "INSERT INTO iot_rules (account_id, name, definition, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

    public const string DeleteRule = "DELETE FROM iot_rules WHERE account_id = $1 AND name = $2";

    public const string DeleteSpoolOfRule = "DELETE FROM iot_rule_spool WHERE account_id = $1 AND rule_name = $2";

    public const string ListRules = "SELECT account_id, name, definition, created_at FROM iot_rules ORDER BY account_id, name";

    /// <summary>
    /// Only while the rule exists, decided in the writer's transaction: a message routed just before its rule was
    /// deleted leaves no row that nothing would ever flush.
    /// </summary>
    public const string InsertSpool =
        "INSERT INTO iot_rule_spool (account_id, rule_name, received_at, line) " +
        "SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM iot_rules WHERE account_id = $1 AND name = $2)";

    /// <summary>The rule's waiting rows in order, with their sizes: what a claim may take.</summary>
    public const string WaitingOfRule =
        "SELECT seq, length(CAST(line AS BLOB)) FROM iot_rule_spool WHERE account_id = $1 AND rule_name = $2 AND batch IS NULL ORDER BY seq LIMIT $3";

    public const string Claim =
        "UPDATE iot_rule_spool SET batch = $3 WHERE account_id = $1 AND rule_name = $2 AND batch IS NULL AND seq BETWEEN $3 AND $4";

    public const string ListClaimed =
        "SELECT DISTINCT batch, account_id, rule_name FROM iot_rule_spool WHERE batch IS NOT NULL ORDER BY batch";

    public const string ReadBatch =
        "SELECT seq, account_id, rule_name, received_at, line FROM iot_rule_spool WHERE batch = $1 ORDER BY seq";

    public const string DeleteBatch = "DELETE FROM iot_rule_spool WHERE batch = $1";

    public const string Stats =
        "SELECT account_id, rule_name, sum(batch IS NULL), sum(CASE WHEN batch IS NULL THEN length(CAST(line AS BLOB)) ELSE 0 END), " +
        "min(CASE WHEN batch IS NULL THEN received_at END), count(*) FROM iot_rule_spool GROUP BY account_id, rule_name";
}
