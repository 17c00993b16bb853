namespace Nuage.Metadata.Sqlite;

/// <summary>Statements over the accounts, identities, access_keys and bucket_settings tables (schema 003).</summary>
internal static class IdentitySql
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
    /// control region deletes accounts, and its registry knows every region's buckets. Member regions keep the
    /// registry empty, and a region without a federation too.
    /// </summary>
    public const string AccountOwnsBuckets =
        "SELECT EXISTS (SELECT 1 FROM buckets WHERE owner = $1) OR EXISTS (SELECT 1 FROM bucket_registry WHERE owner = $1)";

    public const string AccountExists = "SELECT EXISTS (SELECT 1 FROM accounts WHERE id = $1)";

    public const string SelectIdentities = "SELECT account_id, kind, name, id, created_at, body FROM identities ORDER BY account_id, kind, name";
    public const string UpsertIdentity =
        "INSERT INTO identities (account_id, kind, name, id, created_at, body) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (account_id, kind, name) DO UPDATE SET id = excluded.id, body = excluded.body";
    public const string SelectKmsKeys = "SELECT key_id, account_id, body FROM kms_keys ORDER BY account_id, key_id";
    public const string UpsertKmsKey =
        "INSERT INTO kms_keys (key_id, account_id, body) VALUES ($1, $2, $3) ON CONFLICT (key_id) DO UPDATE SET body = excluded.body";
    public const string DeleteIdentity = "DELETE FROM identities WHERE account_id = $1 AND kind = $2 AND name = $3";

    public const string SelectAccessKeys =
        "SELECT access_key_id, account_id, user_name, sealed_secret, active, created_at FROM access_keys ORDER BY access_key_id";
    public const string InsertAccessKey =
        "INSERT INTO access_keys (access_key_id, account_id, user_name, sealed_secret, active, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (access_key_id) DO NOTHING";
    public const string SetAccessKeyActive = "UPDATE access_keys SET active = $2 WHERE access_key_id = $1";
    public const string DeleteAccessKey = "DELETE FROM access_keys WHERE access_key_id = $1";

    public const string SelectBucketSettings = "SELECT name, value FROM bucket_settings WHERE bucket = $1";
    public const string UpsertBucketSetting =
        "INSERT INTO bucket_settings (bucket, name, value) VALUES ($1, $2, $3) " +
        "ON CONFLICT (bucket, name) DO UPDATE SET value = excluded.value";
    public const string DeleteBucketSetting = "DELETE FROM bucket_settings WHERE bucket = $1 AND name = $2";
    public const string DeleteBucketSettings = "DELETE FROM bucket_settings WHERE bucket = $1";
}
