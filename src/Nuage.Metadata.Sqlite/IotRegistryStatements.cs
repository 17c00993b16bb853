namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>
/// The IoT registry's statements, run on a connection's <see cref="CommandCache"/>: the load by the read connections,
/// every write by the write transaction. Deletes cascade here, in the unit of work, so no credential or attachment
/// outlives its thing, group or policy.
/// </summary>
internal static class IotRegistryStatements
{
    public static IotRegistryRows Load(CommandCache commands)
    {
        return new IotRegistryRows(
            ReadAll(commands, IotRegistrySql.SelectThings, static r => new IotThingRow(
                r.GetString(0), r.GetString(1), r.GetNullableString(2), r.GetString(3), r.GetInt64(4), UtcTicks.ToTimestamp(r.GetInt64(5)))),
            ReadAll(commands, IotRegistrySql.SelectGroups, static r => new IotThingGroupRow(
                r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)))),
            ReadAll(commands, IotRegistrySql.SelectMembers, static r => new IotGroupMemberRow(r.GetString(0), r.GetString(1), r.GetString(2))),
            ReadAll(commands, IotRegistrySql.SelectCredentials, static r => new IotCredentialRow(
                r.GetString(0), r.GetString(1), r.GetString(2), r.GetFieldValue<byte[]>(3), r.GetInt64(4) != 0, UtcTicks.ToTimestamp(r.GetInt64(5)))),
            ReadAll(commands, IotRegistrySql.SelectPolicies, static r => new IotPolicyRow(
                r.GetString(0), r.GetString(1), r.GetString(2), UtcTicks.ToTimestamp(r.GetInt64(3)))),
            ReadAll(commands, IotRegistrySql.SelectAttachments, static r => new IotPolicyAttachmentRow(
                r.GetString(0), r.GetString(1), (IotPolicyTarget)r.GetInt32(2), r.GetString(3))));
    }

    public static bool InsertThing(CommandCache commands, IotThingRow thing) =>
        commands.Get(IotRegistrySql.InsertThing, 6)
            .Bind(0, thing.AccountId).Bind(1, thing.Name).Bind(2, thing.ThingType).Bind(3, thing.Attributes)
            .Bind(4, thing.Version).Bind(5, UtcTicks.From(thing.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool UpdateThing(CommandCache commands, IotThingRow thing) =>
        commands.Get(IotRegistrySql.UpdateThing, 5)
            .Bind(0, thing.AccountId).Bind(1, thing.Name).Bind(2, thing.ThingType).Bind(3, thing.Attributes).Bind(4, thing.Version)
            .ExecuteNonQuery() == 1;

    public static bool DeleteThing(CommandCache commands, string accountId, string name)
    {
        commands.Get(IotRegistrySql.DeleteCredentialsOfThing, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery();
        commands.Get(IotRegistrySql.DeleteMembershipsOfThing, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery();
        DeleteAttachmentsOf(commands, accountId, IotPolicyTarget.Thing, name);
        return commands.Get(IotRegistrySql.DeleteThing, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery() == 1;
    }

    public static bool InsertGroup(CommandCache commands, IotThingGroupRow group) =>
        commands.Get(IotRegistrySql.InsertGroup, 4)
            .Bind(0, group.AccountId).Bind(1, group.Name).Bind(2, group.Description).Bind(3, UtcTicks.From(group.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool DeleteGroup(CommandCache commands, string accountId, string name)
    {
        commands.Get(IotRegistrySql.DeleteMembersOfGroup, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery();
        DeleteAttachmentsOf(commands, accountId, IotPolicyTarget.ThingGroup, name);
        return commands.Get(IotRegistrySql.DeleteGroup, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery() == 1;
    }

    public static bool AddMember(CommandCache commands, IotGroupMemberRow member) =>
        commands.Get(IotRegistrySql.InsertMember, 3).Bind(0, member.AccountId).Bind(1, member.GroupName).Bind(2, member.ThingName).ExecuteNonQuery() == 1;

    public static bool RemoveMember(CommandCache commands, IotGroupMemberRow member) =>
        commands.Get(IotRegistrySql.DeleteMember, 3).Bind(0, member.AccountId).Bind(1, member.GroupName).Bind(2, member.ThingName).ExecuteNonQuery() == 1;

    public static bool InsertCredential(CommandCache commands, IotCredentialRow credential) =>
        commands.Get(IotRegistrySql.InsertCredential, 6)
            .Bind(0, credential.CredentialId).Bind(1, credential.AccountId).Bind(2, credential.ThingName).Bind(3, credential.TokenHash)
            .Bind(4, credential.Active ? 1L : 0L).Bind(5, UtcTicks.From(credential.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool SetCredentialActive(CommandCache commands, string credentialId, bool active) =>
        commands.Get(IotRegistrySql.SetCredentialActive, 2).Bind(0, credentialId).Bind(1, active ? 1L : 0L).ExecuteNonQuery() == 1;

    public static bool DeleteCredential(CommandCache commands, string credentialId) =>
        commands.Get(IotRegistrySql.DeleteCredential, 1).Bind(0, credentialId).ExecuteNonQuery() == 1;

    public static bool InsertPolicy(CommandCache commands, IotPolicyRow policy) =>
        commands.Get(IotRegistrySql.InsertPolicy, 4)
            .Bind(0, policy.AccountId).Bind(1, policy.Name).Bind(2, policy.Document).Bind(3, UtcTicks.From(policy.CreatedAt))
            .ExecuteNonQuery() == 1;

    public static bool DeletePolicy(CommandCache commands, string accountId, string name)
    {
        commands.Get(IotRegistrySql.DeleteAttachmentsOfPolicy, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery();
        return commands.Get(IotRegistrySql.DeletePolicy, 2).Bind(0, accountId).Bind(1, name).ExecuteNonQuery() == 1;
    }

    public static bool Attach(CommandCache commands, IotPolicyAttachmentRow attachment) =>
        BindAttachment(commands.Get(IotRegistrySql.InsertAttachment, 4), attachment).ExecuteNonQuery() == 1;

    public static bool Detach(CommandCache commands, IotPolicyAttachmentRow attachment) =>
        BindAttachment(commands.Get(IotRegistrySql.DeleteAttachment, 4), attachment).ExecuteNonQuery() == 1;

    private static SqliteCommand BindAttachment(SqliteCommand command, IotPolicyAttachmentRow attachment) =>
        command.Bind(0, attachment.AccountId).Bind(1, attachment.PolicyName).Bind(2, (long)attachment.TargetKind).Bind(3, attachment.TargetName);

    private static void DeleteAttachmentsOf(CommandCache commands, string accountId, IotPolicyTarget kind, string name) =>
        commands.Get(IotRegistrySql.DeleteAttachmentsOfTarget, 3).Bind(0, accountId).Bind(1, (long)kind).Bind(2, name).ExecuteNonQuery();

    private static List<T> ReadAll<T>(CommandCache commands, string sql, Func<SqliteDataReader, T> read)
    {
        var rows = new List<T>();
        using var reader = commands.Get(sql, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(read(reader));
        }

        return rows;
    }
}
