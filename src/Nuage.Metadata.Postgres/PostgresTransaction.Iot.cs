namespace Nuage.Metadata.Postgres;

using Nuage.Metadata.Core;

/// <summary>
/// PostgresTransaction: device shadows, the IoT registry, rules and their spool, X.509 certificates and the MQTT
/// broker's state, as the SQLite engine's WriteTransaction does them (IotRegistryStatements, IotRuleStatements,
/// MqttStateStatements, ...). Deletes cascade here, in the unit of work, in SQLite's order, so no credential,
/// membership, attachment, spooled row or subscription outlives what it belongs to.
/// </summary>
internal sealed partial class PostgresTransaction
{
    // Device shadows.
    public ShadowRow? GetShadow(string accountId, string thingName, string shadowName)
    {
        using var reader = Query(PostgresIotSql.SelectShadow, accountId, thingName, shadowName);
        return reader.Read() ? PostgresIotRows.Shadow(reader, accountId, thingName, shadowName) : null;
    }

    public void PutShadow(ShadowRow row) =>
        Execute(PostgresIotSql.UpsertShadow, row.AccountId, row.ThingName, row.ShadowName, row.Version, row.Document);

    // The IoT registry.
    public bool InsertIotThing(IotThingRow thing) =>
        Execute(PostgresIotSql.InsertThing, thing.AccountId, thing.Name, thing.ThingType, thing.Attributes, thing.Version, UtcTicks.From(thing.CreatedAt)) == 1;

    public bool UpdateIotThing(IotThingRow thing) =>
        Execute(PostgresIotSql.UpdateThing, thing.AccountId, thing.Name, thing.ThingType, thing.Attributes, thing.Version) == 1;

    public bool DeleteIotThing(string accountId, string name)
    {
        Execute(PostgresIotSql.DeleteCredentialsOfThing, accountId, name);
        Execute(PostgresIotSql.DeleteMembershipsOfThing, accountId, name);
        Execute(PostgresIotSql.DeleteAttachmentsOfTarget, accountId, (int)IotPolicyTarget.Thing, name);
        return Execute(PostgresIotSql.DeleteThing, accountId, name) == 1;
    }

    public bool InsertIotThingGroup(IotThingGroupRow group) =>
        Execute(PostgresIotSql.InsertGroup, group.AccountId, group.Name, group.Description, UtcTicks.From(group.CreatedAt)) == 1;

    public bool DeleteIotThingGroup(string accountId, string name)
    {
        Execute(PostgresIotSql.DeleteMembersOfGroup, accountId, name);
        Execute(PostgresIotSql.DeleteAttachmentsOfTarget, accountId, (int)IotPolicyTarget.ThingGroup, name);
        return Execute(PostgresIotSql.DeleteGroup, accountId, name) == 1;
    }

    public bool AddIotGroupMember(IotGroupMemberRow member) =>
        Execute(PostgresIotSql.InsertMember, member.AccountId, member.GroupName, member.ThingName) == 1;

    public bool RemoveIotGroupMember(IotGroupMemberRow member) =>
        Execute(PostgresIotSql.DeleteMember, member.AccountId, member.GroupName, member.ThingName) == 1;

    public bool InsertIotCredential(IotCredentialRow credential) =>
        Execute(
            PostgresIotSql.InsertCredential,
            credential.CredentialId, credential.AccountId, credential.ThingName, credential.TokenHash, credential.Active, UtcTicks.From(credential.CreatedAt)) == 1;

    public bool SetIotCredentialActive(string credentialId, bool active) =>
        Execute(PostgresIotSql.SetCredentialActive, credentialId, active) == 1;

    public bool DeleteIotCredential(string credentialId) =>
        Execute(PostgresIotSql.DeleteCredential, credentialId) == 1;

    public bool InsertIotPolicy(IotPolicyRow policy) =>
        Execute(PostgresIotSql.InsertPolicy, policy.AccountId, policy.Name, policy.Document, UtcTicks.From(policy.CreatedAt)) == 1;

    public bool DeleteIotPolicy(string accountId, string name)
    {
        Execute(PostgresIotSql.DeleteAttachmentsOfPolicy, accountId, name);
        return Execute(PostgresIotSql.DeletePolicy, accountId, name) == 1;
    }

    public bool AttachIotPolicy(IotPolicyAttachmentRow attachment) =>
        Execute(PostgresIotSql.InsertAttachment, attachment.AccountId, attachment.PolicyName, (int)attachment.TargetKind, attachment.TargetName) == 1;

    public bool DetachIotPolicy(IotPolicyAttachmentRow attachment) =>
        Execute(PostgresIotSql.DeleteAttachment, attachment.AccountId, attachment.PolicyName, (int)attachment.TargetKind, attachment.TargetName) == 1;

    // The MQTT broker's state: retained messages, sessions and subscriptions.
    public void PutMqttRetained(MqttRetainedRow row) =>
        Execute(PostgresMqttStateSql.PutRetained, PostgresIotRows.MessageArguments(row));

    public bool DeleteMqttRetained(string topic) =>
        Execute(PostgresMqttStateSql.DeleteRetained, topic) > 0;

    public void DeleteAllMqttRetained() =>
        Execute(PostgresMqttStateSql.DeleteAllRetained);

    public void PutMqttSession(MqttSessionRow row) =>
        Execute(PostgresMqttStateSql.PutSession, row.ClientId, row.ExpirySeconds, row.DisconnectedAt is { } at ? UtcTicks.From(at) : null);

    /// <summary>Deletes the session with its subscriptions and queued messages.</summary>
    public bool DeleteMqttSession(string clientId)
    {
        Execute(PostgresMqttStateSql.DeleteSessionSubscriptions, clientId);
        Execute(PostgresMqttStateSql.DeleteSessionQueued, clientId);
        Execute(PostgresMqttReceivedQos2.DeleteSession, clientId);
        return Execute(PostgresMqttStateSql.DeleteSession, clientId) > 0;
    }

    public void PutMqttSubscription(MqttSubscriptionRow row) =>
        Execute(PostgresMqttStateSql.PutSubscription, PostgresIotRows.SubscriptionArguments(row));

    public bool DeleteMqttSubscription(string clientId, string topicFilter) =>
        Execute(PostgresMqttStateSql.DeleteSubscription, clientId, topicFilter) > 0;

    // IoT rules and their spool.
    public bool InsertIotRule(IotRuleRow rule) =>
        Execute(PostgresIotRuleSql.InsertRule, rule.AccountId, rule.Name, rule.Definition, UtcTicks.From(rule.CreatedAt)) == 1;

    /// <summary>The rule goes with its spool: messages of a deleted rule are dropped, not written anywhere.</summary>
    public bool DeleteIotRule(string accountId, string name)
    {
        Execute(PostgresIotRuleSql.DeleteSpoolOfRule, accountId, name);
        return Execute(PostgresIotRuleSql.DeleteRule, accountId, name) == 1;
    }

    public void SpoolIotMessage(string accountId, string ruleName, DateTimeOffset receivedAt, string line) =>
        Execute(PostgresIotRuleSql.InsertSpool, accountId, ruleName, UtcTicks.From(receivedAt), line);

    /// <summary>
    /// Takes the rule's oldest waiting rows while they fit <paramref name="maxBytes"/> (each line plus its newline),
    /// the first one always, at most <paramref name="maxMessages"/>; the batch id is the first row's seq, which an
    /// identity never hands out twice, so the id names one batch object forever.
    /// </summary>
    public long? ClaimIotSpoolBatch(string accountId, string ruleName, int maxMessages, long maxBytes)
    {
        long first = -1;
        long last = -1;
        long bytes = 0;

        // A negative LIMIT is "no limit" on SQLite but an error on PostgreSQL: ask for every row instead.
        using (var reader = Query(PostgresIotRuleSql.WaitingOfRule, accountId, ruleName, maxMessages < 0 ? long.MaxValue : maxMessages))
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

        Execute(PostgresIotRuleSql.Claim, accountId, ruleName, first, last);
        return first;
    }

    public int DeleteIotSpoolBatch(long batchId) =>
        Execute(PostgresIotRuleSql.DeleteBatch, batchId);

    // MQTT queued messages.
    public void EnqueueMqttMessage(MqttQueuedRow row, int limit)
    {
        Execute(PostgresMqttStateSql.InsertQueued, PostgresIotRows.MessageArguments(row.Message, row.ClientId, row.Seq));
        Execute(PostgresMqttStateSql.TrimQueued, row.ClientId, row.Seq - limit);
    }

    public bool DeleteMqttQueued(string clientId, long seq) =>
        Execute(PostgresMqttStateSql.DeleteQueued, clientId, seq) > 0;

    public bool ReleaseMqttQueued(string clientId, long seq, int packetId) =>
        Execute(PostgresMqttStateSql.ReleaseQueued, clientId, seq, packetId) > 0;

    public bool SendMqttQueued(string clientId, long seq, int packetId) =>
        Execute(PostgresMqttStateSql.SendQueued, clientId, seq, packetId) > 0;

    // X.509 device certificates.
    public bool InsertIotCertificate(IotCertificateRow certificate) =>
        Execute(
            PostgresIotSql.InsertCertificate,
            certificate.CertificateId, certificate.AccountId, certificate.ThingName, certificate.CertificatePem,
            UtcTicks.From(certificate.NotBefore), UtcTicks.From(certificate.NotAfter), certificate.Active, UtcTicks.From(certificate.CreatedAt)) == 1;

    public bool SetIotCertificateActive(string certificateId, bool active) =>
        Execute(PostgresIotSql.SetCertificateActive, certificateId, active) == 1;

    public bool DeleteIotCertificate(string certificateId) =>
        Execute(PostgresIotSql.DeleteCertificate, certificateId) == 1;

    public int DeleteIotCertificatesOfThing(string accountId, string thingName) =>
        Execute(PostgresIotSql.DeleteCertificatesOfThing, accountId, thingName);
}
