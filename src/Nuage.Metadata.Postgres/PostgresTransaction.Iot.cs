namespace Nuage.Metadata.Postgres;

/// <summary>PostgresTransaction: device shadows, the IoT registry, rules and their spool, X.509 certificates and the MQTT broker's state.</summary>
internal sealed partial class PostgresTransaction
{
    public ShadowRow? GetShadow(string accountId, string thingName, string shadowName) =>
        throw new NotSupportedException("PostgreSQL engine: GetShadow is not written yet (issue 18).");

    public void PutShadow(ShadowRow row) =>
        throw new NotSupportedException("PostgreSQL engine: PutShadow is not written yet (issue 18).");

    public bool InsertIotThing(IotThingRow thing) =>
        throw new NotSupportedException("PostgreSQL engine: InsertIotThing is not written yet (issue 18).");

    public bool UpdateIotThing(IotThingRow thing) =>
        throw new NotSupportedException("PostgreSQL engine: UpdateIotThing is not written yet (issue 18).");

    public bool DeleteIotThing(string accountId, string name) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotThing is not written yet (issue 18).");

    public bool InsertIotThingGroup(IotThingGroupRow group) =>
        throw new NotSupportedException("PostgreSQL engine: InsertIotThingGroup is not written yet (issue 18).");

    public bool DeleteIotThingGroup(string accountId, string name) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotThingGroup is not written yet (issue 18).");

    public bool AddIotGroupMember(IotGroupMemberRow member) =>
        throw new NotSupportedException("PostgreSQL engine: AddIotGroupMember is not written yet (issue 18).");

    public bool RemoveIotGroupMember(IotGroupMemberRow member) =>
        throw new NotSupportedException("PostgreSQL engine: RemoveIotGroupMember is not written yet (issue 18).");

    public bool InsertIotCredential(IotCredentialRow credential) =>
        throw new NotSupportedException("PostgreSQL engine: InsertIotCredential is not written yet (issue 18).");

    public bool SetIotCredentialActive(string credentialId, bool active) =>
        throw new NotSupportedException("PostgreSQL engine: SetIotCredentialActive is not written yet (issue 18).");

    public bool DeleteIotCredential(string credentialId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotCredential is not written yet (issue 18).");

    public bool InsertIotPolicy(IotPolicyRow policy) =>
        throw new NotSupportedException("PostgreSQL engine: InsertIotPolicy is not written yet (issue 18).");

    public bool DeleteIotPolicy(string accountId, string name) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotPolicy is not written yet (issue 18).");

    public bool AttachIotPolicy(IotPolicyAttachmentRow attachment) =>
        throw new NotSupportedException("PostgreSQL engine: AttachIotPolicy is not written yet (issue 18).");

    public bool DetachIotPolicy(IotPolicyAttachmentRow attachment) =>
        throw new NotSupportedException("PostgreSQL engine: DetachIotPolicy is not written yet (issue 18).");

    public void PutMqttRetained(MqttRetainedRow row) =>
        throw new NotSupportedException("PostgreSQL engine: PutMqttRetained is not written yet (issue 18).");

    public bool DeleteMqttRetained(string topic) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteMqttRetained is not written yet (issue 18).");

    public void DeleteAllMqttRetained() =>
        throw new NotSupportedException("PostgreSQL engine: DeleteAllMqttRetained is not written yet (issue 18).");

    public void PutMqttSession(MqttSessionRow row) =>
        throw new NotSupportedException("PostgreSQL engine: PutMqttSession is not written yet (issue 18).");

    public bool DeleteMqttSession(string clientId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteMqttSession is not written yet (issue 18).");

    public void PutMqttSubscription(MqttSubscriptionRow row) =>
        throw new NotSupportedException("PostgreSQL engine: PutMqttSubscription is not written yet (issue 18).");

    public bool DeleteMqttSubscription(string clientId, string topicFilter) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteMqttSubscription is not written yet (issue 18).");

    public bool InsertIotRule(IotRuleRow rule) =>
        throw new NotSupportedException("PostgreSQL engine: InsertIotRule is not written yet (issue 18).");

    public bool DeleteIotRule(string accountId, string name) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotRule is not written yet (issue 18).");

    public void SpoolIotMessage(string accountId, string ruleName, DateTimeOffset receivedAt, string line) =>
        throw new NotSupportedException("PostgreSQL engine: SpoolIotMessage is not written yet (issue 18).");

    public long? ClaimIotSpoolBatch(string accountId, string ruleName, int maxMessages, long maxBytes) =>
        throw new NotSupportedException("PostgreSQL engine: ClaimIotSpoolBatch is not written yet (issue 18).");

    public int DeleteIotSpoolBatch(long batchId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotSpoolBatch is not written yet (issue 18).");

    public void EnqueueMqttMessage(MqttQueuedRow row, int limit) =>
        throw new NotSupportedException("PostgreSQL engine: EnqueueMqttMessage is not written yet (issue 18).");

    public bool DeleteMqttQueued(string clientId, long seq) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteMqttQueued is not written yet (issue 18).");

    public bool InsertIotCertificate(IotCertificateRow certificate) =>
        throw new NotSupportedException("PostgreSQL engine: InsertIotCertificate is not written yet (issue 18).");

    public bool SetIotCertificateActive(string certificateId, bool active) =>
        throw new NotSupportedException("PostgreSQL engine: SetIotCertificateActive is not written yet (issue 18).");

    public bool DeleteIotCertificate(string certificateId) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotCertificate is not written yet (issue 18).");

    public int DeleteIotCertificatesOfThing(string accountId, string thingName) =>
        throw new NotSupportedException("PostgreSQL engine: DeleteIotCertificatesOfThing is not written yet (issue 18).");
}
