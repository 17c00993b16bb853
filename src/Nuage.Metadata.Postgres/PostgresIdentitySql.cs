namespace Nuage.Metadata.Postgres;

/// <summary>
/// Statements over accounts, identities, access_keys and kms_keys: SQLite's IdentitySql in PostgreSQL. Orders are
/// spelled with COLLATE "C" where the column has the database's collation, so both engines list in byte order.
/// </summary>
internal static class PostgresIdentitySql
{
    public const string SelectAccounts = "SELECT id, name, created_at, settings FROM accounts ORDER BY id";

    public const string UpsertAccount =
        "INSERT INTO accounts (id, name, created_at, settings) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (id) DO UPDATE SET name = excluded.name, settings = excluded.settings";

    public const string DeleteAccount = "DELETE FROM accounts WHERE id = $1";
    public const string DeleteIdentitiesOfAccount = "DELETE FROM identities WHERE account_id = $1";
    public const string DeleteAccessKeysOfAccount = "DELETE FROM access_keys WHERE account_id = $1";

    /// <summary>
    /// A bucket here, or a name the federation's registry gives the account in any region (docs/regions.md): only the
    /// control region deletes accounts, and its registry knows every region's buckets.
    /// </summary>
    public const string AccountOwnsBuckets =
        "SELECT EXISTS (SELECT 1 FROM buckets WHERE owner = $1) OR EXISTS (SELECT 1 FROM bucket_registry WHERE owner = $1)";

    public const string AccountExists = "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = $1)";

    public const string SelectIdentities =
        "SELECT account_id, kind, name, id, created_at, body FROM identities ORDER BY account_id, kind, name";

    public const string UpsertIdentity =
        "INSERT INTO identities (account_id, kind, name, id, created_at, body) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (account_id, kind, name) DO UPDATE SET id = excluded.id, body = excluded.body";

    public const string DeleteIdentity = "DELETE FROM identities WHERE account_id = $1 AND kind = $2 AND name = $3";

    public const string SelectAccessKeys =
        "SELECT access_key_id, account_id, user_name, sealed_secret, active, created_at FROM access_keys ORDER BY access_key_id";

    public const string InsertAccessKey =
        "INSERT INTO access_keys (access_key_id, account_id, user_name, sealed_secret, active, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (access_key_id) DO NOTHING";

    public const string SetAccessKeyActive = "UPDATE access_keys SET active = $2 WHERE access_key_id = $1";
    public const string DeleteAccessKey = "DELETE FROM access_keys WHERE access_key_id = $1";

    /// <summary>kms_keys.account_id has the database's collation: "C" orders it as SQLite's BINARY does.</summary>
    public const string SelectKmsKeys = "SELECT key_id, account_id, body FROM kms_keys ORDER BY account_id COLLATE \"C\", key_id";

    public const string UpsertKmsKey =
        "INSERT INTO kms_keys (key_id, account_id, body) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO UPDATE SET body = excluded.body";
}
