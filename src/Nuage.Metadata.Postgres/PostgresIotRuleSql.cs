namespace Nuage.Metadata.Postgres;

/// <summary>
/// The PostgreSQL statements of IoT rules and their spool: SQLite's (IotRuleSql) with octet_length for the UTF-8
/// size of a line and aggregates cast to BIGINT (CockroachDB sums integers to DECIMAL).
/// </summary>
internal static class PostgresIotRuleSql
{
    public const string InsertRule =
        "INSERT INTO iot_rules (account_id, name, definition, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";

    public const string DeleteRule = "DELETE FROM iot_rules WHERE account_id = $1 AND name = $2";

    public const string DeleteSpoolOfRule = "DELETE FROM iot_rule_spool WHERE account_id = $1 AND rule_name = $2";

    public const string ListRules = "SELECT account_id, name, definition, created_at FROM iot_rules ORDER BY account_id, name";

    /// <summary>
    /// Only while the rule exists, decided in the writer's transaction: a message routed just before its rule was
    /// deleted leaves no row that nothing would ever flush. Under SERIALIZABLE a concurrent DeleteIotRule on another
    /// node conflicts with this read of iot_rules, so one of the two is replayed.
    /// </summary>
    public const string InsertSpool =
        "INSERT INTO iot_rule_spool (account_id, rule_name, received_at, line) " +
        "SELECT $1, $2, $3, $4 WHERE EXISTS (SELECT 1 FROM iot_rules WHERE account_id = $1 AND name = $2)";

    /// <summary>The rule's waiting rows in order, with their UTF-8 sizes: what a claim may take.</summary>
    public const string WaitingOfRule =
        "SELECT seq, CAST(octet_length(line) AS BIGINT) FROM iot_rule_spool " +
        "WHERE account_id = $1 AND rule_name = $2 AND batch IS NULL ORDER BY seq LIMIT $3";

    public const string Claim =
        "UPDATE iot_rule_spool SET batch = $3 WHERE account_id = $1 AND rule_name = $2 AND batch IS NULL AND seq BETWEEN $3 AND $4";

    public const string ListClaimed =
        "SELECT DISTINCT batch, account_id, rule_name FROM iot_rule_spool WHERE batch IS NOT NULL ORDER BY batch";

    public const string ReadBatch =
        "SELECT seq, account_id, rule_name, received_at, line FROM iot_rule_spool WHERE batch = $1 ORDER BY seq";

    public const string DeleteBatch = "DELETE FROM iot_rule_spool WHERE batch = $1";

    /// <summary>Per rule: waiting rows, their bytes, the oldest waiting one (NULL when all are claimed) and the depth.</summary>
    public const string Stats =
        "SELECT account_id, rule_name, count(CASE WHEN batch IS NULL THEN 1 END), " +
        "CAST(coalesce(sum(CASE WHEN batch IS NULL THEN octet_length(line) END), 0) AS BIGINT), " +
        "min(CASE WHEN batch IS NULL THEN received_at END), count(*) " +
        "FROM iot_rule_spool GROUP BY account_id, rule_name ORDER BY account_id, rule_name";
}
