namespace Nuage.Metadata.Sqlite;

/// <summary>Statements over the iot_shadows table (schema 013).</summary>
internal static class ShadowSql
{
    public const string Select =
        "SELECT version, document FROM iot_shadows WHERE account_id = $1 AND thing_name = $2 AND shadow_name = $3";

    public const string Upsert =
        "INSERT INTO iot_shadows (account_id, thing_name, shadow_name, version, document) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (account_id, thing_name, shadow_name) DO UPDATE SET version = excluded.version, document = excluded.document";

    /// <summary>Named shadows (shadow_name not empty) that exist (document not null), after a name, in byte order.</summary>
    public const string ListNames =
        "SELECT shadow_name FROM iot_shadows WHERE account_id = $1 AND thing_name = $2 AND shadow_name > $3 " +
        "AND document IS NOT NULL ORDER BY shadow_name LIMIT $4";
}
