namespace Nuage.Metadata.Postgres;

/// <summary>
/// The PostgreSQL statements of device shadows, the IoT registry and X.509 device certificates: SQLite's
/// (ShadowSql, IotRegistrySql, IotCertificateStatements) with BOOLEAN flags. Every ORDER BY is over COLLATE "C"
/// columns, so lists come back in byte order as on SQLite (BINARY collation).
/// </summary>
internal static class PostgresIotSql
{
    // Device shadows.
    public const string SelectShadow =
        "SELECT version, document FROM iot_shadows WHERE account_id = $1 AND thing_name = $2 AND shadow_name = $3";

    public const string UpsertShadow =
        "INSERT INTO iot_shadows (account_id, thing_name, shadow_name, version, document) VALUES ($1, $2, $3, $4, $5) " +
        "ON CONFLICT (account_id, thing_name, shadow_name) DO UPDATE SET version = excluded.version, document = excluded.document";

    /// <summary>Named shadows (shadow_name not empty) that exist (document not null), after a name, in byte order.</summary>
    public const string ListShadowNames =
        "SELECT shadow_name FROM iot_shadows WHERE account_id = $1 AND thing_name = $2 AND shadow_name > $3 " +
        "AND document IS NOT NULL ORDER BY shadow_name LIMIT $4";

    // The registry: things.
    public const string SelectThings =
        "SELECT account_id, name, thing_type, attributes, version, created_at FROM iot_things ORDER BY account_id, name";
    public const string InsertThing =
        "INSERT INTO iot_things (account_id, name, thing_type, attributes, version, created_at) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (account_id, name) DO NOTHING";
    public const string UpdateThing =
        "UPDATE iot_things SET thing_type = $3, attributes = $4, version = $5 WHERE account_id = $1 AND name = $2";
    public const string DeleteThing = "DELETE FROM iot_things WHERE account_id = $1 AND name = $2";
    public const string DeleteCredentialsOfThing = "DELETE FROM iot_credentials WHERE account_id = $1 AND thing_name = $2";
    public const string DeleteMembershipsOfThing = "DELETE FROM iot_thing_group_members WHERE account_id = $1 AND thing_name = $2";

    // Groups and memberships.
    public const string SelectGroups = "SELECT account_id, name, description, created_at FROM iot_thing_groups ORDER BY account_id, name";
    public const string InsertGroup =
        "INSERT INTO iot_thing_groups (account_id, name, description, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, name) DO NOTHING";
    public const string DeleteGroup = "DELETE FROM iot_thing_groups WHERE account_id = $1 AND name = $2";
    public const string DeleteMembersOfGroup = "DELETE FROM iot_thing_group_members WHERE account_id = $1 AND group_name = $2";

    public const string SelectMembers =
        "SELECT account_id, group_name, thing_name FROM iot_thing_group_members ORDER BY account_id, group_name, thing_name";
    public const string InsertMember =
        "INSERT INTO iot_thing_group_members (account_id, group_name, thing_name) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING";
    public const string DeleteMember =
        "DELETE FROM iot_thing_group_members WHERE account_id = $1 AND group_name = $2 AND thing_name = $3";

    // Device credentials.
    public const string SelectCredentials =
        "SELECT credential_id, account_id, thing_name, token_hash, active, created_at FROM iot_credentials ORDER BY credential_id";
    public const string InsertCredential =
        "INSERT INTO iot_credentials (credential_id, account_id, thing_name, token_hash, active, created_at) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (credential_id) DO NOTHING";
    public const string SetCredentialActive = "UPDATE iot_credentials SET active = $2 WHERE credential_id = $1";
    public const string DeleteCredential = "DELETE FROM iot_credentials WHERE credential_id = $1";

    // IoT policies and their attachments.
    public const string SelectPolicies = "SELECT account_id, name, document, created_at FROM iot_policies ORDER BY account_id, name";
    public const string InsertPolicy =
        "INSERT INTO iot_policies (account_id, name, document, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (account_id, name) DO NOTHING";
    public const string DeletePolicy = "DELETE FROM iot_policies WHERE account_id = $1 AND name = $2";
    public const string DeleteAttachmentsOfPolicy = "DELETE FROM iot_policy_attachments WHERE account_id = $1 AND policy_name = $2";

    public const string SelectAttachments =
        "SELECT account_id, policy_name, target_kind, target_name FROM iot_policy_attachments ORDER BY account_id, policy_name, target_kind, target_name";
    public const string InsertAttachment =
        "INSERT INTO iot_policy_attachments (account_id, policy_name, target_kind, target_name) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING";
    public const string DeleteAttachment =
        "DELETE FROM iot_policy_attachments WHERE account_id = $1 AND policy_name = $2 AND target_kind = $3 AND target_name = $4";
    public const string DeleteAttachmentsOfTarget =
        "DELETE FROM iot_policy_attachments WHERE account_id = $1 AND target_kind = $2 AND target_name = $3";

    // X.509 device certificates.
    public const string SelectCertificates =
        "SELECT certificate_id, account_id, thing_name, certificate_pem, not_before, not_after, active, created_at FROM iot_certificates " +
        "ORDER BY account_id, thing_name, created_at";
    public const string InsertCertificate =
        "INSERT INTO iot_certificates (certificate_id, account_id, thing_name, certificate_pem, not_before, not_after, active, created_at) " +
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8) ON CONFLICT (certificate_id) DO NOTHING";
    public const string SetCertificateActive = "UPDATE iot_certificates SET active = $2 WHERE certificate_id = $1";
    public const string DeleteCertificate = "DELETE FROM iot_certificates WHERE certificate_id = $1";
    public const string DeleteCertificatesOfThing = "DELETE FROM iot_certificates WHERE account_id = $1 AND thing_name = $2";
}
