namespace Nuage.Metadata.Sqlite;

using Nuage.Metadata.Core;

/// <summary>
/// The identity and bucket-settings statements, run on a connection's <see cref="CommandCache"/>: shared by the
/// read connections (loads) and the write transaction (loads inside a unit of work, and every write).
/// </summary>
internal static class IdentityStatements
{
    public static IdentityRows Load(CommandCache commands)
    {
        var accounts = new List<AccountRow>();
        using (var reader = commands.Get(IdentitySql.SelectAccounts, 0).ExecuteReader())
        {
            while (reader.Read())
            {
                accounts.Add(new AccountRow(reader.GetString(0), reader.GetString(1), UtcTicks.ToTimestamp(reader.GetInt64(2)), reader.GetString(3)));
            }
        }

        var entities = new List<IdentityRow>();
        using (var reader = commands.Get(IdentitySql.SelectIdentities, 0).ExecuteReader())
        {
            while (reader.Read())
            {
                entities.Add(new IdentityRow(
                    reader.GetString(0), (IdentityKind)reader.GetInt32(1), reader.GetString(2), reader.GetString(3),
                    UtcTicks.ToTimestamp(reader.GetInt64(4)), reader.GetString(5)));
            }
        }

        var keys = new List<AccessKeyRow>();
        using (var reader = commands.Get(IdentitySql.SelectAccessKeys, 0).ExecuteReader())
        {
            while (reader.Read())
            {
                keys.Add(new AccessKeyRow(
                    reader.GetString(0), reader.GetString(1), reader.GetNullableString(2), reader.GetFieldValue<byte[]>(3),
                    reader.GetInt64(4) != 0, UtcTicks.ToTimestamp(reader.GetInt64(5))));
            }
        }

        return new IdentityRows(accounts, entities, keys);
    }

    public static List<KmsKeyRow> LoadKmsKeys(CommandCache commands)
    {
        var keys = new List<KmsKeyRow>();
        using var reader = commands.Get(IdentitySql.SelectKmsKeys, 0).ExecuteReader();
        while (reader.Read())
        {
            keys.Add(new KmsKeyRow(reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }

        return keys;
    }

    public static void PutKmsKey(CommandCache commands, KmsKeyRow key) =>
        commands.Get(IdentitySql.UpsertKmsKey, 3).Bind(0, key.KeyId).Bind(1, key.AccountId).Bind(2, key.Body).ExecuteNonQuery();

    public static Dictionary<string, string> BucketSettings(CommandCache commands, string bucket)
    {
        var settings = new Dictionary<string, string>(StringComparer.Ordinal);
        using var reader = commands.Get(IdentitySql.SelectBucketSettings, 1).Bind(0, bucket).ExecuteReader();
        while (reader.Read())
        {
            settings[reader.GetString(0)] = reader.GetString(1);
        }

        return settings;
    }

    public static void PutAccount(CommandCache commands, AccountRow account) =>
        commands.Get(IdentitySql.UpsertAccount, 4)
            .Bind(0, account.Id).Bind(1, account.Name).Bind(2, UtcTicks.From(account.CreatedAt)).Bind(3, account.Settings)
            .ExecuteNonQuery();

    public static bool DeleteAccount(CommandCache commands, string accountId)
    {
        commands.Get(IdentitySql.DeleteIdentitiesOfAccount, 1).Bind(0, accountId).ExecuteNonQuery();
        commands.Get(IdentitySql.DeleteAccessKeysOfAccount, 1).Bind(0, accountId).ExecuteNonQuery();
        return commands.Get(IdentitySql.DeleteAccount, 1).Bind(0, accountId).ExecuteNonQuery() == 1;
    }

    public static bool AccountOwnsBuckets(CommandCache commands, string accountId) =>
        Convert.ToInt64(commands.Get(IdentitySql.AccountOwnsBuckets, 1).Bind(0, accountId).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;

    public static bool AccountExists(CommandCache commands, string accountId) =>
        Convert.ToInt64(commands.Get(IdentitySql.AccountExists, 1).Bind(0, accountId).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;

    public static void PutIdentity(CommandCache commands, IdentityRow identity) =>
        commands.Get(IdentitySql.UpsertIdentity, 6)
            .Bind(0, identity.AccountId).Bind(1, (long)identity.Kind).Bind(2, identity.Name).Bind(3, identity.Id)
            .Bind(4, UtcTicks.From(identity.CreatedAt)).Bind(5, identity.Body)
            .ExecuteNonQuery();

    public static bool DeleteIdentity(CommandCache commands, string accountId, IdentityKind kind, string name) =>
        commands.Get(IdentitySql.DeleteIdentity, 3).Bind(0, accountId).Bind(1, (long)kind).Bind(2, name).ExecuteNonQuery() == 1;

    public static bool InsertAccessKey(CommandCache commands, AccessKeyRow key) =>
        commands.Get(IdentitySql.InsertAccessKey, 6)
            .Bind(0, key.AccessKeyId).Bind(1, key.AccountId).Bind(2, key.UserName).Bind(3, key.SealedSecret)
            .Bind(4, key.Active ? 1L : 0L).Bind(5, UtcTicks.From(key.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool SetAccessKeyActive(CommandCache commands, string accessKeyId, bool active) =>
        commands.Get(IdentitySql.SetAccessKeyActive, 2).Bind(0, accessKeyId).Bind(1, active ? 1L : 0L).ExecuteNonQuery() == 1;

    public static bool DeleteAccessKey(CommandCache commands, string accessKeyId) =>
        commands.Get(IdentitySql.DeleteAccessKey, 1).Bind(0, accessKeyId).ExecuteNonQuery() == 1;

    public static void SetBucketSetting(CommandCache commands, string bucket, string name, string? value)
    {
        if (value is null)
        {
            commands.Get(IdentitySql.DeleteBucketSetting, 2).Bind(0, bucket).Bind(1, name).ExecuteNonQuery();
        }
        else
        {
            commands.Get(IdentitySql.UpsertBucketSetting, 3).Bind(0, bucket).Bind(1, name).Bind(2, value).ExecuteNonQuery();
        }
    }

    public static void DeleteBucketSettings(CommandCache commands, string bucket) =>
        commands.Get(IdentitySql.DeleteBucketSettings, 1).Bind(0, bucket).ExecuteNonQuery();
}
