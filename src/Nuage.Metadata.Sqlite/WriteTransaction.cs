namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>
/// IMetadataTransaction over the single writer connection. The group-commit writer opens the transaction and a
/// savepoint per unit of work around calls to this object; it never commits by itself.
/// </summary>
internal sealed class WriteTransaction(CommandCache commands) : IMetadataTransaction
{
    public DateTimeOffset Now { get; set; }

    public BucketRow? GetBucket(string name)
    {
        using var reader = commands.Get(Sql.SelectBucket, 1).Bind(0, name).ExecuteReader();
        return reader.Read() ? RowReaders.Bucket(reader) : null;
    }

    public long AccountStoredBytes(string owner) =>
        Convert.ToInt64(commands.Get(Sql.AccountStoredBytes, 1).Bind(0, owner).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    public bool InsertBucket(BucketRow bucket) =>
        commands.Get(Sql.InsertBucket, 5)
            .Bind(0, bucket.Name).Bind(1, bucket.Owner).Bind(2, bucket.Region).Bind(3, UtcTicks.From(bucket.CreatedAt))
            .Bind(4, (long)bucket.Versioning)
            .ExecuteNonQuery() == 1;

    public bool BucketHasObjects(string name) =>
        Convert.ToInt64(commands.Get(Sql.BucketHasObjects, 1).Bind(0, name).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) != 0;

    public int DeleteUploadsOfBucket(string bucket)
    {
        // The blob ids are collected before any garbage row is written: the RETURNING reader must be finished first.
        var released = new List<Guid>();
        using (var reader = commands.Get(Sql.DeletePartsOfBucket, 1).Bind(0, bucket).ExecuteReader())
        {
            while (reader.Read())
            {
                released.Add(reader.GetGuid(0));
            }
        }

        foreach (var blob in released)
        {
            AddGarbage(blob);
        }

        return commands.Get(Sql.DeleteUploadsOfBucket, 1).Bind(0, bucket).ExecuteNonQuery();
    }

    public bool DeleteBucket(string name)
    {
        IdentityStatements.DeleteBucketSettings(commands, name);
        return commands.Get(Sql.DeleteBucket, 1).Bind(0, name).ExecuteNonQuery() == 1;
    }

    // The federation's bucket registry (schema 016, issue 17).

    public BucketNameRow? GetBucketName(string name) => BucketRegistryStatements.Get(commands, name);

    public bool InsertBucketName(BucketNameRow row) => BucketRegistryStatements.Insert(commands, row);

    public bool DeleteBucketName(string name, string region) => BucketRegistryStatements.Delete(commands, name, region);

    public void PutAccount(AccountRow account) => IdentityStatements.PutAccount(commands, account);

    public bool DeleteAccount(string accountId) => IdentityStatements.DeleteAccount(commands, accountId);

    public bool AccountOwnsBuckets(string accountId) => IdentityStatements.AccountOwnsBuckets(commands, accountId);

    public bool AccountExists(string accountId) => IdentityStatements.AccountExists(commands, accountId);

    public void PutKmsKey(KmsKeyRow key) => IdentityStatements.PutKmsKey(commands, key);

    public void PutIdentity(IdentityRow identity) => IdentityStatements.PutIdentity(commands, identity);

    public bool DeleteIdentity(string accountId, IdentityKind kind, string name) =>
        IdentityStatements.DeleteIdentity(commands, accountId, kind, name);

    public bool InsertAccessKey(AccessKeyRow key) => IdentityStatements.InsertAccessKey(commands, key);

    public bool SetAccessKeyActive(string accessKeyId, bool active) => IdentityStatements.SetAccessKeyActive(commands, accessKeyId, active);

    public bool DeleteAccessKey(string accessKeyId) => IdentityStatements.DeleteAccessKey(commands, accessKeyId);

    public IReadOnlyDictionary<string, string> GetBucketSettings(string bucket) => IdentityStatements.BucketSettings(commands, bucket);

    public void SetBucketSetting(string bucket, string name, string? value) =>
        IdentityStatements.SetBucketSetting(commands, bucket, name, value);

    public ObjectRow? GetObjectVersion(string bucket, string key, string? versionId)
    {
        var command = versionId is null
            ? commands.Get(Sql.SelectLatestHead, 2).Bind(0, bucket).Bind(1, key)
            : commands.Get(Sql.SelectVersionHead, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? RowReaders.Object(reader, withData: false) : null;
    }

    public void PutObject(ObjectRow row, bool versionIdIsNew)
    {
        // A row of the same version id is replaced (the null version). Its blobs become garbage in this transaction
        // (DESIGN.md invariant 2); read first, because an UPDATE's RETURNING yields the new values only.
        bool replaced = false;
        bool replacedWasLatest = false;
        using (var reader = versionIdIsNew ? null : commands.Get(Sql.SelectVersionForReplace, 3).Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, row.VersionId).ExecuteReader())
        {
            if (reader is not null && reader.Read())
            {
                replaced = true;
                replacedWasLatest = reader.GetInt64(0) != 0;
                if (!reader.IsDBNull(1))
                {
                    AddManifestToGarbage(reader.GetFieldValue<byte[]>(1));
                }
            }
        }

        if (replacedWasLatest)
        {
            // The common case of an unversioned bucket: the key's only row is overwritten where it stands, which
            // changes no index entry.
            BindWritten(commands.Get(Sql.OverwriteVersion, Sql.WrittenColumnCount), row).ExecuteNonQuery();
            return;
        }

        if (replaced)
        {
            // A noncurrent null version (suspended bucket): it leaves the history, the new one is written as latest.
            commands.Get(Sql.DeleteVersion, 3).Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, row.VersionId).ExecuteNonQuery();
        }

        // The new version's row, then the key's pointer to it. The previous latest version is not touched: it is
        // noncurrent because the pointer no longer names it (schema 011).
        BindWritten(commands.Get(Sql.InsertObject, Sql.WrittenColumnCount), row).ExecuteNonQuery();
        long seq = SQLitePCL.raw.sqlite3_last_insert_rowid(commands.Connection.Handle);
        commands.Get(Sql.PointCurrent, 3).Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, seq).ExecuteNonQuery();
    }

    public ObjectRow? GetObjectCompletedBy(string bucket, string key, string uploadId)
    {
        using var reader = commands.Get(Sql.SelectObjectCompletedBy, 3).Bind(0, bucket).Bind(1, key).Bind(2, uploadId).ExecuteReader();
        return reader.Read() ? RowReaders.Object(reader, withData: false) with { UploadId = uploadId } : null;
    }

    public string? GetObjectAcl(string bucket, string key, string versionId) =>
        commands.Get(Sql.SelectObjectAcl, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteScalar() as string;

    public void SetObjectAcl(string bucket, string key, string versionId, string? acl)
    {
        if (acl is null)
        {
            commands.Get(Sql.DeleteObjectAcl, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteNonQuery();
        }
        else
        {
            commands.Get(Sql.UpsertObjectAcl, 4).Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, acl).ExecuteNonQuery();
        }
    }

    public bool SetObjectTags(string bucket, string key, string versionId, string? tags) =>
        commands.Get(Sql.UpdateObjectTags, 4).Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, tags).ExecuteNonQuery() > 0;

    public ObjectRow? DeleteObjectVersion(string bucket, string key, string versionId)
    {
        var removed = GetObjectVersion(bucket, key, versionId);
        if (removed is null)
        {
            return null;
        }

        commands.Get(Sql.DeleteObjectAcl, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteNonQuery();
        commands.Get(Sql.DeleteObjectLock, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteNonQuery();
        if (removed.IsLatest)
        {
            // "If you delete the current version, the next most recent version becomes current" (AWS "Deleting
            // object versions from a versioning-enabled bucket"); a delete marker can become current that way too.
            // The pointer moves before the row goes: the usage triggers read the versions it names (schema 011).
            if (commands.Get(Sql.SelectNewestOtherVersion, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteScalar() is long next)
            {
                commands.Get(Sql.PointCurrent, 3).Bind(0, bucket).Bind(1, key).Bind(2, next).ExecuteNonQuery();
            }
            else
            {
                commands.Get(Sql.DeleteCurrent, 2).Bind(0, bucket).Bind(1, key).ExecuteNonQuery();
            }
        }

        using (var reader = commands.Get(Sql.DeleteVersion, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteReader())
        {
            if (reader.Read() && !reader.IsDBNull(0))
            {
                AddManifestToGarbage(reader.GetFieldValue<byte[]>(0));
            }
        }

        return removed;
    }

    public bool KeyHasOlderVersions(string bucket, string key) =>
        Convert.ToInt64(commands.Get(Sql.KeyHasOlderVersions, 2).Bind(0, bucket).Bind(1, key).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 1;

    public ObjectLockRow? GetObjectLock(string bucket, string key, string versionId)
    {
        using var reader = commands.Get(Sql.SelectObjectLock, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteReader();
        return reader.Read() ? RowReaders.ObjectLock(reader) : null;
    }

    public void SetObjectLock(string bucket, string key, string versionId, ObjectLockRow? state)
    {
        if (state is null)
        {
            commands.Get(Sql.DeleteObjectLock, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteNonQuery();
            return;
        }

        commands.Get(Sql.UpsertObjectLock, 6).Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, state.Mode)
            .Bind(4, state.RetainUntil is { } until ? UtcTicks.From(until) : null).Bind(5, state.LegalHold ? 1L : 0L)
            .ExecuteNonQuery();
    }

    public bool SetBucketVersioning(string bucket, BucketVersioning state) =>
        commands.Get(Sql.SetBucketVersioning, 2).Bind(0, bucket).Bind(1, (long)state).ExecuteNonQuery() == 1;

    public void InsertUpload(UploadRow upload)
    {
        var command = commands.Get(Sql.InsertUpload, 17);
        command.Bind(0, upload.Key).Bind(1, upload.UploadId).Bind(2, upload.Bucket)
            .Bind(3, UtcTicks.From(upload.Initiated)).Bind(4, upload.Owner).Bind(5, upload.ChecksumAlgorithm).Bind(13, upload.Acl).Bind(14, upload.Tags)
            .Bind(15, upload.ObjectLock).Bind(16, upload.Encryption);
        RowCodec.BindAttributes(command, 6, upload.Attributes);
        command.ExecuteNonQuery();
    }

    public UploadRow? GetUpload(string uploadId)
    {
        using var reader = commands.Get(Sql.SelectUpload, 1).Bind(0, uploadId).ExecuteReader();
        return reader.Read() ? RowReaders.Upload(reader) : null;
    }

    public void PutPart(PartRow part)
    {
        if (commands.Get(Sql.SelectPartBlob, 2).Bind(0, part.UploadId).Bind(1, part.PartNumber).ExecuteScalar() is byte[] old)
        {
            AddGarbage(new Guid(old));
        }

        commands.Get(Sql.UpsertPart, 8)
            .Bind(0, part.UploadId).Bind(1, part.PartNumber).Bind(2, part.Size).Bind(3, part.ETag)
            .Bind(4, UtcTicks.From(part.LastModified)).Bind(5, part.Checksum?.Algorithm).Bind(6, part.Checksum?.Value)
            .Bind(7, part.BlobId.ToByteArray())
            .ExecuteNonQuery();
    }

    public IReadOnlyList<PartRow> GetParts(string uploadId)
    {
        var parts = new List<PartRow>();
        using var reader = commands.Get(Sql.SelectParts, 1).Bind(0, uploadId).ExecuteReader();
        while (reader.Read())
        {
            parts.Add(RowReaders.Part(reader));
        }

        return parts;
    }

    public bool DeleteUpload(string uploadId, IReadOnlySet<Guid>? keepBlobs)
    {
        var released = new List<Guid>();
        using (var reader = commands.Get(Sql.DeleteParts, 1).Bind(0, uploadId).ExecuteReader())
        {
            while (reader.Read())
            {
                var blob = reader.GetGuid(0);
                if (keepBlobs is null || !keepBlobs.Contains(blob))
                {
                    released.Add(blob);
                }
            }
        }

        foreach (var blob in released)
        {
            AddGarbage(blob);
        }

        return commands.Get(Sql.DeleteUpload, 1).Bind(0, uploadId).ExecuteNonQuery() == 1;
    }

    public void RemoveGarbage(IReadOnlyList<Guid> blobIds)
    {
        var command = commands.Get(Sql.DeleteGarbage, 1);
        for (int i = 0; i < blobIds.Count; i++)
        {
            command.Bind(0, blobIds[i].ToByteArray()).ExecuteNonQuery();
        }
    }

    /// <summary>Binds the <see cref="Sql.WrittenColumnCount"/> written columns of <paramref name="row"/>.</summary>
    private static SqliteCommand BindWritten(SqliteCommand command, ObjectRow row)
    {
        command.Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, row.VersionId).Bind(3, row.Size).Bind(4, row.ETag)
            .Bind(5, UtcTicks.From(row.LastModified)).Bind(6, row.OriginRegion).Bind(7, row.Owner)
            .Bind(8, row.Checksum?.Algorithm).Bind(9, row.Checksum?.Value).Bind(10, row.Checksum is { IsComposite: true } ? 1L : 0L)
            .Bind(11, row.PartsCount).Bind(22, row.UploadId).Bind(23, row.Tags).Bind(24, row.IsDeleteMarker ? 1L : 0L)
            .Bind(25, row.Encryption);
        RowCodec.BindAttributes(command, 12, row.Attributes);
        switch (row.Data)
        {
            case BlobManifest manifest:
                command.Bind(19, ManifestCodec.Encode(manifest)).Bind(20, null).Bind(21, null);
                break;
            case InlineData inline:
                command.Bind(19, null).Bind(20, ChecksumColumns.FromBlockChecksum(inline.Checksum)).Bind(21, inline.Bytes);
                break;
            case null when row.IsDeleteMarker:
                command.Bind(19, null).Bind(20, null).Bind(21, null);
                break;
            default:
                throw new ArgumentException("An object version needs its data location; only a delete marker has none.", nameof(row));
        }

        return command;
    }

    private void AddManifestToGarbage(byte[] manifest)
    {
        foreach (var segment in ManifestCodec.Decode(manifest).Segments)
        {
            AddGarbage(segment.BlobId);
        }
    }

    private void AddGarbage(Guid blobId) =>
        commands.Get(Sql.InsertGarbage, 2).Bind(0, blobId.ToByteArray()).Bind(1, UtcTicks.From(Now)).ExecuteNonQuery();

    // Device shadows (schema 013, issue 16).

    public ShadowRow? GetShadow(string accountId, string thingName, string shadowName) =>
        ShadowStatements.Get(commands, accountId, thingName, shadowName);

    public void PutShadow(ShadowRow row) => ShadowStatements.Put(commands, row);

    // IoT registry (issue 16, schema 014): one contiguous block, kept at the end for merges.
    public bool InsertIotThing(IotThingRow thing) => IotRegistryStatements.InsertThing(commands, thing);

    public bool UpdateIotThing(IotThingRow thing) => IotRegistryStatements.UpdateThing(commands, thing);

    public bool DeleteIotThing(string accountId, string name) => IotRegistryStatements.DeleteThing(commands, accountId, name);

    public bool InsertIotThingGroup(IotThingGroupRow group) => IotRegistryStatements.InsertGroup(commands, group);

    public bool DeleteIotThingGroup(string accountId, string name) => IotRegistryStatements.DeleteGroup(commands, accountId, name);

    public bool AddIotGroupMember(IotGroupMemberRow member) => IotRegistryStatements.AddMember(commands, member);

    public bool RemoveIotGroupMember(IotGroupMemberRow member) => IotRegistryStatements.RemoveMember(commands, member);

    public bool InsertIotCredential(IotCredentialRow credential) => IotRegistryStatements.InsertCredential(commands, credential);

    public bool SetIotCredentialActive(string credentialId, bool active) => IotRegistryStatements.SetCredentialActive(commands, credentialId, active);

    public bool DeleteIotCredential(string credentialId) => IotRegistryStatements.DeleteCredential(commands, credentialId);

    public bool InsertIotPolicy(IotPolicyRow policy) => IotRegistryStatements.InsertPolicy(commands, policy);

    public bool DeleteIotPolicy(string accountId, string name) => IotRegistryStatements.DeletePolicy(commands, accountId, name);

    public bool AttachIotPolicy(IotPolicyAttachmentRow attachment) => IotRegistryStatements.Attach(commands, attachment);

    public bool DetachIotPolicy(IotPolicyAttachmentRow attachment) => IotRegistryStatements.Detach(commands, attachment);

    public void AddOutboxEntry(string destination, string body) =>
        commands.Get(OutboxSql.Insert, 3).Bind(0, destination).Bind(1, body).Bind(2, UtcTicks.From(Now)).ExecuteNonQuery();

    public void CompleteOutboxEntry(long seq) => commands.Get(OutboxSql.Delete, 1).Bind(0, seq).ExecuteNonQuery();

    public void DeferOutboxEntry(long seq, int attempts, DateTimeOffset nextAttemptAt) =>
        commands.Get(OutboxSql.Defer, 3).Bind(0, seq).Bind(1, attempts).Bind(2, UtcTicks.From(nextAttemptAt)).ExecuteNonQuery();

    // MQTT broker state (issue 16 "Broker", schema 018): one contiguous block, kept at the end for merges.
    public void PutMqttRetained(MqttRetainedRow row) => MqttStateStatements.PutRetained(commands, row);

    public bool DeleteMqttRetained(string topic) => MqttStateStatements.DeleteRetained(commands, topic);

    public void DeleteAllMqttRetained() => MqttStateStatements.DeleteAllRetained(commands);

    public void PutMqttSession(MqttSessionRow row) => MqttStateStatements.PutSession(commands, row);

    public bool DeleteMqttSession(string clientId) => MqttStateStatements.DeleteSession(commands, clientId);

    public void PutMqttSubscription(MqttSubscriptionRow row) => MqttStateStatements.PutSubscription(commands, row);

    public bool DeleteMqttSubscription(string clientId, string topicFilter) => MqttStateStatements.DeleteSubscription(commands, clientId, topicFilter);

    // IoT rules (issue 16, schema 017): one contiguous block, kept at the end for merges.
    public bool InsertIotRule(IotRuleRow rule) => IotRuleStatements.InsertRule(commands, rule);

    public bool DeleteIotRule(string accountId, string name) => IotRuleStatements.DeleteRule(commands, accountId, name);

    public void SpoolIotMessage(string accountId, string ruleName, DateTimeOffset receivedAt, string line) =>
        IotRuleStatements.Spool(commands, accountId, ruleName, receivedAt, line);

    public long? ClaimIotSpoolBatch(string accountId, string ruleName, int maxMessages, long maxBytes) =>
        IotRuleStatements.Claim(commands, accountId, ruleName, maxMessages, maxBytes);

    public int DeleteIotSpoolBatch(long batchId) => IotRuleStatements.DeleteBatch(commands, batchId);

    // MQTT queued messages (issue 16, schema 021): one contiguous block, kept at the end for merges.
    public void EnqueueMqttMessage(MqttQueuedRow row, int limit) => MqttStateStatements.Enqueue(commands, row, limit);

    public bool DeleteMqttQueued(string clientId, long seq) => MqttStateStatements.DeleteQueued(commands, clientId, seq);

    public bool ReleaseMqttQueued(string clientId, long seq, int packetId) => MqttStateStatements.ReleaseQueued(commands, clientId, seq, packetId);

    public bool SendMqttQueued(string clientId, long seq, int packetId) => MqttStateStatements.SendQueued(commands, clientId, seq, packetId);

    // X.509 device certificates (issue 16, schema 020): one contiguous block, kept at the end for merges.
    public bool InsertIotCertificate(IotCertificateRow certificate) => IotCertificateStatements.Insert(commands, certificate);

    public bool SetIotCertificateActive(string certificateId, bool active) => IotCertificateStatements.SetActive(commands, certificateId, active);

    public bool DeleteIotCertificate(string certificateId) => IotCertificateStatements.Delete(commands, certificateId);

    public int DeleteIotCertificatesOfThing(string accountId, string thingName) => IotCertificateStatements.DeleteOfThing(commands, accountId, thingName);

    // Cross-region replication (issue 17, schema 019): one contiguous block, kept at the end for merges.
    public void AddReplicationEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, bool isDeleteMarker, long size, DateTimeOffset createdAt) =>
        commands.Get(ReplicationSql.Insert, 8)
            .Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, ruleId).Bind(4, destinationBucket).Bind(5, isDeleteMarker ? 1L : 0L)
            .Bind(6, size).Bind(7, UtcTicks.From(createdAt))
            .ExecuteNonQuery();

    public void CompleteReplicationEntry(long seq) => commands.Get(ReplicationSql.Delete, 1).Bind(0, seq).ExecuteNonQuery();

    public void DeferReplicationEntry(long seq, int attempts, DateTimeOffset nextAttemptAt, string error) =>
        commands.Get(ReplicationSql.Defer, 4).Bind(0, seq).Bind(1, attempts).Bind(2, UtcTicks.From(nextAttemptAt)).Bind(3, error).ExecuteNonQuery();

    public bool HasReplicationEntries(string bucket, string key, string versionId) =>
        Convert.ToInt64(commands.Get(ReplicationSql.CountForVersion, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture) > 0;

    public void SetReplicationStatus(string bucket, string key, string versionId, string? status)
    {
        if (status is null)
        {
            commands.Get(ReplicationSql.DeleteStatus, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteNonQuery();
        }
        else
        {
            commands.Get(ReplicationSql.UpsertStatus, 4).Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, status).ExecuteNonQuery();
        }
    }

    public void PutObjectNoncurrent(ObjectRow row)
    {
        // The versions later than the row, newest first: the top of the key's seq order (seq orders a key's history).
        var later = new List<long>();
        using (var reader = commands.Get(Sql.SelectKeyOrder, 2).Bind(0, row.Bucket).Bind(1, row.Key).ExecuteReader())
        {
            while (reader.Read()
                && VersionOrder.IsLater(UtcTicks.ToTimestamp(reader.GetInt64(1)), reader.GetString(2), row.LastModified, row.OriginRegion))
            {
                later.Add(reader.GetInt64(0));
            }
        }

        // The row itself: current_objects keeps naming the newer version (schema 011), so reads of the key are unchanged.
        BindWritten(commands.Get(Sql.InsertObject, Sql.WrittenColumnCount), row).ExecuteNonQuery();
        if (later.Count == 0)
        {
            return;
        }

        // seq is global (the rowid), so the only free places in the key's order are its own versions' seqs: the later
        // versions each move up one place (the newest to a new seq at the top) and the row takes the lowest of theirs.
        // The current pointer is taken off first and put back on the moved current version, so the usage triggers
        // (schema 012) subtract and add the same version: the counters end as the plain insert left them. Moving a
        // seq alone fires no trigger (they watch size and is_delete_marker).
        commands.Get(Sql.DeleteCurrent, 2).Bind(0, row.Bucket).Bind(1, row.Key).ExecuteNonQuery();
        long top = Convert.ToInt64(commands.Get(Sql.MoveVersionToTop, 1).Bind(0, later[0]).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        for (int i = 1; i < later.Count; i++)
        {
            commands.Get(Sql.MoveVersion, 2).Bind(0, later[i]).Bind(1, later[i - 1]).ExecuteNonQuery();
        }

        commands.Get(Sql.MoveVersionById, 4).Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, row.VersionId).Bind(3, later[^1]).ExecuteNonQuery();
        commands.Get(Sql.PointCurrent, 3).Bind(0, row.Bucket).Bind(1, row.Key).Bind(2, top).ExecuteNonQuery();
    }

    // Delayed MQTT wills (issue 16, schema 023): kept at the end for merges.
    public void PutMqttWill(MqttWillRow row) => MqttWillStatements.Put(commands, row);

    public bool DeleteMqttWill(string clientId) => MqttWillStatements.Delete(commands, clientId);

    // Replication of metadata-only changes (issue 17, schema 024): kept at the end for merges.
    public void AddReplicationMetadataEntry(string bucket, string key, string versionId, string ruleId, string destinationBucket, DateTimeOffset createdAt) =>
        commands.Get(ReplicationSql.InsertMetadata, 6)
            .Bind(0, bucket).Bind(1, key).Bind(2, versionId).Bind(3, ruleId).Bind(4, destinationBucket).Bind(5, UtcTicks.From(createdAt))
            .ExecuteNonQuery();

    public string? GetReplicationStatus(string bucket, string key, string versionId) =>
        commands.Get(ReplicationSql.SelectStatus, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteScalar() as string;

    // MQTT QoS 2 exchanges awaiting PUBREL (issue 16, schema 026): kept at the end for merges.
    public void PutMqttReceivedQos2(MqttReceivedQos2Row row) => MqttReceivedQos2Statements.Put(commands, row);

    public bool DeleteMqttReceivedQos2(MqttReceivedQos2Row row) => MqttReceivedQos2Statements.Delete(commands, row);

    // Last-writer-wins of metadata-only changes (issue 17, schema 027): kept at the end for merges.
    public ReplicationMetadataStamp? GetReplicationMetadataStamp(string bucket, string key, string versionId) =>
        ReplicationStampStatements.Get(commands, bucket, key, versionId);

    public bool SetReplicationMetadataStamp(string bucket, string key, string versionId, ReplicationMetadataStamp stamp) =>
        ReplicationStampStatements.Set(commands, bucket, key, versionId, stamp);
}
