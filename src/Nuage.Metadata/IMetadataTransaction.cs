namespace Nuage.Metadata;

/// <summary>
/// The operations of one unit of work inside a metadata transaction. Everything done through it commits together
/// or not at all, so an object commit, its garbage rows and (later) a replication outbox row or a conditional-write
/// check are one transaction (DESIGN.md "Object commits go through one transaction path").
/// The transaction is only valid inside the delegate given to <see cref="IMetadataStore.WriteAsync{T}"/>.
/// </summary>
public interface IMetadataTransaction
{
    /// <summary>Commit timestamp shared by every unit of work of this transaction.</summary>
    DateTimeOffset Now { get; }

    BucketRow? GetBucket(string name);

    /// <summary>
    /// The stored bytes (every version, as <see cref="BucketUsage.StoredBytes"/>) of all buckets
    /// <paramref name="owner"/> owns, as this unit of work sees them: an account's storage quota is decided here.
    /// </summary>
    long AccountStoredBytes(string owner);

    /// <summary>Inserts the bucket; false when one of that name exists already.</summary>
    bool InsertBucket(BucketRow bucket);

    /// <summary>
    /// True when the bucket holds at least one object. Unfinished multipart uploads do not count: DeleteBucket
    /// removes them with the bucket (<see cref="DeleteUploadsOfBucket"/>), as AWS does.
    /// </summary>
    bool BucketHasObjects(string name);

    /// <summary>
    /// Deletes every unfinished upload of the bucket and all their parts; every part blob goes to the garbage table
    /// in this same transaction (DESIGN.md invariant 2). Returns the number of uploads deleted.
    /// </summary>
    int DeleteUploadsOfBucket(string bucket);

    /// <summary>Deletes the bucket and its settings.</summary>
    bool DeleteBucket(string name);

    // The federation's bucket registry (schema 016, issue 17): kept by the control region only.

    /// <summary>The registered name as this unit of work sees it.</summary>
    BucketNameRow? GetBucketName(string name);

    /// <summary>Registers the name; false when it is registered already (to whom: <see cref="GetBucketName"/>).</summary>
    bool InsertBucketName(BucketNameRow row);

    /// <summary>Frees the name if <paramref name="region"/> holds it; false otherwise.</summary>
    bool DeleteBucketName(string name, string region);

    /// <summary>
    /// The key's latest version (<paramref name="versionId"/> null) or the named version, without its data; null when
    /// there is none. The latest version may be a delete marker (<see cref="ObjectRow.IsDeleteMarker"/>).
    /// </summary>
    ObjectRow? GetObjectVersion(string bucket, string key, string? versionId);

    /// <summary>
    /// Writes <paramref name="row"/> (a version with data, or a delete marker) as the key's latest version; the
    /// version that was latest stays as a noncurrent one. A row of the same version id is replaced: that is how the
    /// null version is overwritten (AWS "Working with objects in a versioning-suspended bucket": a write there
    /// replaces the null version wherever it is in the history, and the new one becomes latest). The blobs and the
    /// ACL of the replaced row go in this same transaction (DESIGN.md invariant 2). <paramref name="versionIdIsNew"/>:
    /// the caller made the row's version id for this write (a random id no row can have), so there is no row to look
    /// for; one index seek less per versioned PUT.
    /// </summary>
    void PutObject(ObjectRow row, bool versionIdIsNew);

    /// <summary>
    /// The current object of (bucket, key), without inline data, when it was written by the completion of upload
    /// <paramref name="uploadId"/> (<see cref="ObjectRow.UploadId"/>); null otherwise. Lets a retried
    /// CompleteMultipartUpload recognise its own result.
    /// </summary>
    ObjectRow? GetObjectCompletedBy(string bucket, string key, string uploadId);

    /// <summary>The version's ACL, or null when it has the default one (its owner has FULL_CONTROL).</summary>
    string? GetObjectAcl(string bucket, string key, string versionId);

    /// <summary>
    /// Sets the ACL of one version, or returns it to the default when <paramref name="acl"/> is null. Every write
    /// of a version sets it, so a replaced null version never inherits the ACL of the one it replaced.
    /// </summary>
    void SetObjectAcl(string bucket, string key, string versionId, string? acl);

    /// <summary>Replaces the tags of one version (null: none) and nothing else; false when there is no such version.</summary>
    bool SetObjectTags(string bucket, string key, string versionId, string? tags);

    /// <summary>
    /// Removes one version (or delete marker) for good, with its ACL; its blobs go to the garbage table. When it was
    /// the latest, the newest remaining version becomes latest (AWS "Deleting object versions"). Returns the removed
    /// row without data, or null when there was no such version.
    /// </summary>
    ObjectRow? DeleteObjectVersion(string bucket, string key, string versionId);

    /// <summary>True when the key has a version other than its latest one.</summary>
    bool KeyHasOlderVersions(string bucket, string key);

    /// <summary>The version's retention and legal hold, or null when it has neither.</summary>
    ObjectLockRow? GetObjectLock(string bucket, string key, string versionId);

    /// <summary>Sets the version's retention and legal hold, or removes both when <paramref name="state"/> is null.</summary>
    void SetObjectLock(string bucket, string key, string versionId, ObjectLockRow? state);

    /// <summary>Sets the bucket's versioning state; false when there is no such bucket.</summary>
    bool SetBucketVersioning(string bucket, BucketVersioning state);

    void InsertUpload(UploadRow upload);

    UploadRow? GetUpload(string uploadId);

    /// <summary>Inserts or replaces a part; the blob of a replaced part goes to the garbage table.</summary>
    void PutPart(PartRow part);

    /// <summary>Every part of the upload, by part number.</summary>
    IReadOnlyList<PartRow> GetParts(string uploadId);

    /// <summary>
    /// Deletes the upload and its parts. Part blobs not in <paramref name="keepBlobs"/> go to the garbage table
    /// (those kept are now referenced by a completed object's manifest).
    /// </summary>
    bool DeleteUpload(string uploadId, IReadOnlySet<Guid>? keepBlobs);

    /// <summary>Forgets garbage rows whose blob files the collector has deleted.</summary>
    void RemoveGarbage(IReadOnlyList<Guid> blobIds);

    /// <summary>Inserts or replaces the account row.</summary>
    void PutAccount(AccountRow account);

    /// <summary>Deletes the account with its identities and access keys. False when there was none.</summary>
    bool DeleteAccount(string accountId);

    /// <summary>
    /// True when the account owns at least one bucket here, or holds a name in the federation's bucket registry (a
    /// bucket in any region, when this is the control region).
    /// </summary>
    bool AccountOwnsBuckets(string accountId);

    /// <summary>
    /// True when the account's row is here (the operator's always is). Checked in the unit of work that claims a
    /// bucket name for it, so a claim and the account's deletion are ordered one way or the other (docs/regions.md).
    /// </summary>
    bool AccountExists(string accountId);

    /// <summary>Inserts or replaces the entity of (account, kind, name).</summary>
    void PutIdentity(IdentityRow identity);

    bool DeleteIdentity(string accountId, IdentityKind kind, string name);

    /// <summary>Inserts the key; false when that access key id exists already.</summary>
    bool InsertAccessKey(AccessKeyRow key);

    bool SetAccessKeyActive(string accessKeyId, bool active);

    bool DeleteAccessKey(string accessKeyId);

    /// <summary>Inserts or replaces an SSE-KMS key (its id is its identity; keys are never deleted).</summary>
    void PutKmsKey(KmsKeyRow key);

    IReadOnlyDictionary<string, string> GetBucketSettings(string bucket);

    /// <summary>Sets one setting of the bucket, or removes it when <paramref name="value"/> is null.</summary>
    void SetBucketSetting(string bucket, string name, string? value);

    // Device shadows (schema 013, issue 16).

    /// <summary>The shadow's row as this unit of work sees it: the version an update is checked against.</summary>
    ShadowRow? GetShadow(string accountId, string thingName, string shadowName);

    /// <summary>Inserts or replaces the shadow's row (a null document marks it deleted, keeping its version).</summary>
    void PutShadow(ShadowRow row);

    // IoT registry (issue 16, schema 014): one contiguous block, kept at the end for merges. Inserts return false
    // when the row exists already; deletes and updates false when there was nothing to change.

    bool InsertIotThing(IotThingRow thing);

    /// <summary>Replaces the thing's type, attributes and version; false when there is no such thing.</summary>
    bool UpdateIotThing(IotThingRow thing);

    /// <summary>Deletes the thing with its credentials, group memberships and policy attachments.</summary>
    bool DeleteIotThing(string accountId, string name);

    bool InsertIotThingGroup(IotThingGroupRow group);

    /// <summary>Deletes the group with its memberships and policy attachments.</summary>
    bool DeleteIotThingGroup(string accountId, string name);

    bool AddIotGroupMember(IotGroupMemberRow member);

    bool RemoveIotGroupMember(IotGroupMemberRow member);

    bool InsertIotCredential(IotCredentialRow credential);

    bool SetIotCredentialActive(string credentialId, bool active);

    bool DeleteIotCredential(string credentialId);

    bool InsertIotPolicy(IotPolicyRow policy);

    /// <summary>Deletes the policy with its attachments.</summary>
    bool DeleteIotPolicy(string accountId, string name);

    bool AttachIotPolicy(IotPolicyAttachmentRow attachment);

    bool DetachIotPolicy(IotPolicyAttachmentRow attachment);

    /// <summary>
    /// Adds an event for delivery to <paramref name="destination"/>, in this transaction: it exists exactly when the
    /// change it reports is committed (the event outbox).
    /// </summary>
    void AddOutboxEntry(string destination, string body);

    /// <summary>Removes a delivered event.</summary>
    void CompleteOutboxEntry(long seq);

    /// <summary>Records a failed delivery: the event is due again at <paramref name="nextAttemptAt"/>.</summary>
    void DeferOutboxEntry(long seq, int attempts, DateTimeOffset nextAttemptAt);

    // MQTT broker state (issue 16 "Broker", schema 018): one contiguous block, kept at the end for merges.

    /// <summary>Inserts or replaces the retained message of its topic.</summary>
    void PutMqttRetained(MqttRetainedRow row);

    bool DeleteMqttRetained(string topic);

    void DeleteAllMqttRetained();

    void PutMqttSession(MqttSessionRow row);

    /// <summary>Deletes the session with its subscriptions.</summary>
    bool DeleteMqttSession(string clientId);

    void PutMqttSubscription(MqttSubscriptionRow row);

    bool DeleteMqttSubscription(string clientId, string topicFilter);

    // IoT rules (issue 16, schema 017): one contiguous block, kept at the end for merges.

    /// <summary>Inserts the rule; false when the account has one of that name.</summary>
    bool InsertIotRule(IotRuleRow rule);

    /// <summary>Deletes the rule and every message spooled for it.</summary>
    bool DeleteIotRule(string accountId, string name);

    /// <summary>
    /// Spools one message for a bucket rule: <paramref name="line"/> is its JSON line in the batch object. Nothing is
    /// written when the rule no longer exists (deleted after the message was routed).
    /// </summary>
    void SpoolIotMessage(string accountId, string ruleName, DateTimeOffset receivedAt, string line);

    /// <summary>
    /// Claims the rule's oldest waiting rows, at most <paramref name="maxMessages"/> and (but at least one row)
    /// <paramref name="maxBytes"/> of lines plus newlines, as one batch; returns its id (the seq of its first row),
    /// or null when nothing waits.
    /// </summary>
    long? ClaimIotSpoolBatch(string accountId, string ruleName, int maxMessages, long maxBytes);

    /// <summary>Removes the rows of a batch once its object is committed; returns how many there were.</summary>
    int DeleteIotSpoolBatch(long batchId);

    // MQTT queued messages (issue 16, schema 021): one contiguous block, kept at the end for merges.

    /// <summary>
    /// Appends a message to a persistent session's queue and drops that session's oldest rows beyond
    /// <paramref name="limit"/> (the broker's own queue drops the oldest too).
    /// </summary>
    void EnqueueMqttMessage(MqttQueuedRow row, int limit);

    /// <summary>Removes one queued message once its client acknowledged it.</summary>
    bool DeleteMqttQueued(string clientId, long seq);

    /// <summary>A queued QoS 2 message its client answered with PUBREC (schema 028): what is left to send is the PUBREL with <paramref name="packetId"/>.</summary>
    bool ReleaseMqttQueued(string clientId, long seq, int packetId);

    /// <summary>A queued QoS 2 message about to be sent to its client for the first time (schema 029), under <paramref name="packetId"/>.</summary>
    bool SendMqttQueued(string clientId, long seq, int packetId);

    // X.509 device certificates (issue 16, schema 020): one contiguous block, kept at the end for merges.

    /// <summary>Registers a certificate for a thing; false when a certificate with this id is registered already.</summary>
    bool InsertIotCertificate(IotCertificateRow certificate);

    bool SetIotCertificateActive(string certificateId, bool active);

    bool DeleteIotCertificate(string certificateId);

    /// <summary>Deletes every certificate of a thing (the thing is being deleted); returns how many there were.</summary>
    int DeleteIotCertificatesOfThing(string accountId, string thingName);

    // Cross-region replication (issue 17, schema 019): one contiguous block, kept at the end for merges.

    /// <summary>
    /// Adds a version to push to a rule's destination bucket, in this transaction: it exists exactly when the commit
    /// it reports does (the replication outbox). <paramref name="createdAt"/> is the version's commit time.
    /// </summary>
    void AddReplicationEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, bool isDeleteMarker, long size, DateTimeOffset createdAt);

    /// <summary>Removes a pushed (or abandoned) outbox row.</summary>
    void CompleteReplicationEntry(long seq);

    /// <summary>Records a failed push: the row is due again at <paramref name="nextAttemptAt"/>.</summary>
    void DeferReplicationEntry(long seq, int attempts, DateTimeOffset nextAttemptAt, string error);

    /// <summary>Whether outbox rows of this version still wait (another rule's push, say).</summary>
    bool HasReplicationEntries(string bucket, string key, string versionId);

    /// <summary>
    /// Sets the version's x-amz-replication-status (PENDING, COMPLETED, FAILED, REPLICA); null removes it. COMPLETED
    /// does not replace FAILED: a version of several rules shows FAILED when any rule was refused for good, as AWS's
    /// source status is COMPLETED only when every destination is.
    /// </summary>
    void SetReplicationStatus(string bucket, string key, string versionId, string? status);

    /// <summary>
    /// Inserts a version that is not the key's latest (a replica older, by last-writer-wins, than the version that is
    /// current here): the key's current version stays what it is. The version id must be new to the key. The row
    /// takes its place in the key's history by <see cref="VersionOrder"/>: directly below every version of the key
    /// that is later than it, so ListObjectVersions lists it there and removing the current version makes the next
    /// later one current, as if the versions had arrived in the order they were written (AWS replication keeps the
    /// source's version order). The usage counters end exactly as after a plain insert of a noncurrent version.
    /// </summary>
    void PutObjectNoncurrent(ObjectRow row);

    // Delayed MQTT wills (issue 16, schema 023): one contiguous block, kept at the end for merges.

    /// <summary>Stores the client's delayed will, replacing the one it had.</summary>
    void PutMqttWill(MqttWillRow row);

    /// <summary>Removes the client's delayed will (sent, cancelled or deleted); false when it had none.</summary>
    bool DeleteMqttWill(string clientId);

    // Replication of metadata-only changes (issue 17, schema 024): kept at the end for merges.

    /// <summary>
    /// Adds a change of an existing version's tags, ACL, retention or legal hold to push to a rule's destination
    /// bucket, in the change's own transaction (<see cref="ReplicationOutboxEntry.MetadataOnly"/>, size 0). It takes its
    /// place in the key's order behind the rows already there. <paramref name="createdAt"/> is the change's time.
    /// </summary>
    void AddReplicationMetadataEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, DateTimeOffset createdAt);

    /// <summary>The version's x-amz-replication-status as this transaction sees it, or null.</summary>
    string? GetReplicationStatus(string bucket, string key, string versionId);

    // MQTT QoS 2 exchanges awaiting PUBREL (issue 16, schema 026): one contiguous block, kept at the end for merges.

    /// <summary>Records a QoS 2 PUBLISH received from a persistent session's client, before its PUBREC is sent.</summary>
    void PutMqttReceivedQos2(MqttReceivedQos2Row row);

    /// <summary>Forgets it once its PUBREL arrived, before the PUBCOMP is sent; false when it was not recorded.</summary>
    bool DeleteMqttReceivedQos2(MqttReceivedQos2Row row);

    // Last-writer-wins of metadata-only changes (issue 17, schema 027): one contiguous block, kept at the end for merges.

    /// <summary>
    /// When and where the version's tags, ACL, retention or legal hold last changed by a change that replicates, or
    /// null (never changed so, or the version does not replicate: the stamp lives with its replication status).
    /// </summary>
    ReplicationMetadataStamp? GetReplicationMetadataStamp(string bucket, string key, string versionId);

    /// <summary>
    /// Records <paramref name="stamp"/> as the version's last metadata change. A version without a replication status
    /// keeps none (nothing of it replicates, so nothing is ordered); false then.
    /// </summary>
    bool SetReplicationMetadataStamp(string bucket, string key, string versionId, ReplicationMetadataStamp stamp);
}
