namespace Nuage.Metadata.Sqlite;

using Microsoft.Data.Sqlite;
using Nuage.Metadata.Core;

/// <summary>
/// A read-only connection with its prepared statements. WAL mode lets it read committed state beside the writer
/// without blocking it. One caller at a time (rented from <see cref="ReadConnectionPool"/>).
/// </summary>
internal sealed class ReadConnection : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly CommandCache _commands;

    public ReadConnection(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _commands = new CommandCache(_connection);
        _commands.Execute("PRAGMA busy_timeout = 5000");
    }

    public string? GetObjectAcl(string bucket, string key, string versionId) =>
        _commands.Get(Sql.SelectObjectAcl, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteScalar() as string;

    public List<KeyValuePair<string, string>> ListBucketsWithSetting(string name)
    {
        var found = new List<KeyValuePair<string, string>>();
        using var reader = _commands.Get(Sql.BucketsWithSetting, 1).Bind(0, name).ExecuteReader();
        while (reader.Read())
        {
            found.Add(new(reader.GetString(0), reader.GetString(1)));
        }

        return found;
    }

    public ObjectLockRow? GetObjectLock(string bucket, string key, string versionId)
    {
        using var reader = _commands.Get(Sql.SelectObjectLock, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteReader();
        return reader.Read() ? RowReaders.ObjectLock(reader) : null;
    }

    public IdentityRows LoadIdentity() => IdentityStatements.Load(_commands);

    public List<KmsKeyRow> LoadKmsKeys() => IdentityStatements.LoadKmsKeys(_commands);

    public Dictionary<string, string> GetBucketSettings(string bucket) => IdentityStatements.BucketSettings(_commands, bucket);

    public StoreUsage ReadUsage()
    {
        // One read transaction: the bucket figures and the backlog come from the same committed state.
        _commands.Execute(Sql.BeginRead);
        try
        {
            var buckets = new List<BucketUsage>();
            using (var reader = _commands.Get(Sql.BucketUsage, 0).ExecuteReader())
            {
                while (reader.Read())
                {
                    buckets.Add(new BucketUsage(reader.GetString(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
                }
            }

            long garbage = Convert.ToInt64(_commands.Get(Sql.GarbageBacklog, 0).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
            return new StoreUsage(buckets, garbage);
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }
    }

    public long AccountStoredBytes(string owner) =>
        Convert.ToInt64(_commands.Get(Sql.AccountStoredBytes, 1).Bind(0, owner).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    public BucketRow? GetBucket(string name)
    {
        using var reader = _commands.Get(Sql.SelectBucket, 1).Bind(0, name).ExecuteReader();
        return reader.Read() ? RowReaders.Bucket(reader) : null;
    }

    // The federation's bucket registry (schema 016, issue 17).

    public BucketNameRow? GetBucketName(string name) => BucketRegistryStatements.Get(_commands, name);

    public List<BucketNameRow> ListBucketNames(string owner) => BucketRegistryStatements.ListByOwner(_commands, owner);

    public List<BucketRow> ListBuckets(string owner)
    {
        var buckets = new List<BucketRow>();
        using var reader = _commands.Get(Sql.ListBuckets, 1).Bind(0, owner).ExecuteReader();
        while (reader.Read())
        {
            buckets.Add(RowReaders.Bucket(reader));
        }

        return buckets;
    }

    public ObjectRow? GetObject(string bucket, string key, string? versionId, bool withData)
    {
        var command = versionId is null
            ? _commands.Get(withData ? Sql.SelectLatestWithData : Sql.SelectLatestHead, 2).Bind(0, bucket).Bind(1, key)
            : _commands.Get(withData ? Sql.SelectVersionWithData : Sql.SelectVersionHead, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId);
        using var reader = command.ExecuteReader();
        return reader.Read() ? RowReaders.Object(reader, withData) : null;
    }

    public ObjectListing ListObjects(ObjectListQuery query)
    {
        var objects = new List<ObjectListEntry>();
        var prefixes = new List<string>();
        PrefixWalker.Result result;

        // One read transaction: every seek of the page sees the same snapshot.
        _commands.Execute(Sql.BeginRead);
        try
        {
            result = PrefixWalker.Walk(
                query.Prefix, query.Delimiter, query.StartAfter, Math.Max(0, query.MaxKeys),
                seek => Seek(ObjectSeeks, query.Bucket, seek),
                (cursor, _) => objects.Add(RowReaders.ListEntry(cursor.Reader)),
                prefixes);
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }

        return new ObjectListing(objects, prefixes, result.IsTruncated, result.LastEntry);
    }

    public ObjectVersionListing ListObjectVersions(ObjectVersionListQuery query)
    {
        var versions = new List<ObjectVersionEntry>();
        var prefixes = new List<string>();
        int budget = Math.Max(0, query.MaxKeys);
        _commands.Execute(Sql.BeginRead);
        try
        {
            // With both markers, the versions of KeyMarker older than VersionIdMarker come first (AWS
            // ListObjectVersions: "version-id-marker: Specifies the object version you want to start listing from").
            // A marker version that no longer exists resumes after the whole key.
            if (query.KeyMarker is not null && query.VersionIdMarker is not null
                && PrefixWalker.IsListedKey(query.Prefix, query.Delimiter, query.KeyMarker)
                && _commands.Get(Sql.SelectVersionSeq, 3).Bind(0, query.Bucket).Bind(1, query.KeyMarker).Bind(2, query.VersionIdMarker)
                    .ExecuteScalar() is long markerSeq)
            {
                var command = _commands.Get(Sql.SeekVersionsOfKeyBefore, 4)
                    .Bind(0, query.Bucket).Bind(1, query.KeyMarker).Bind(2, markerSeq).Bind(3, budget + 1);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (versions.Count == budget)
                    {
                        // max-keys 0 lists nothing and names no marker.
                        var lastVersion = versions.Count > 0 ? versions[^1] : null;
                        return new ObjectVersionListing(versions, prefixes, true, lastVersion?.Key, lastVersion?.VersionId);
                    }

                    versions.Add(RowReaders.VersionEntry(reader));
                }
            }

            var result = PrefixWalker.Walk(
                query.Prefix, query.Delimiter, query.KeyMarker, budget - versions.Count,
                seek => Seek(VersionSeeks, query.Bucket, seek),
                (cursor, _) => versions.Add(RowReaders.VersionEntry(cursor.Reader)),
                prefixes);
            if (!result.IsTruncated)
            {
                return new ObjectVersionListing(versions, prefixes, false, null, null);
            }

            return result.LastIsPrefix || versions.Count == 0
                ? new ObjectVersionListing(versions, prefixes, true, result.LastEntry, null)
                : new ObjectVersionListing(versions, prefixes, true, versions[^1].Key, versions[^1].VersionId);
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }
    }

    public UploadRow? GetUpload(string uploadId)
    {
        using var reader = _commands.Get(Sql.SelectUpload, 1).Bind(0, uploadId).ExecuteReader();
        return reader.Read() ? RowReaders.Upload(reader) : null;
    }

    public List<PartRow> ListParts(string uploadId, int afterPartNumber, int limit)
    {
        var parts = new List<PartRow>();
        using var reader = _commands.Get(Sql.ListParts, 3).Bind(0, uploadId).Bind(1, afterPartNumber).Bind(2, limit).ExecuteReader();
        while (reader.Read())
        {
            parts.Add(RowReaders.Part(reader));
        }

        return parts;
    }

    public UploadListing ListUploads(UploadListQuery query)
    {
        var uploads = new List<UploadRow>();
        var prefixes = new List<string>();
        int budget = Math.Max(0, query.MaxUploads);
        _commands.Execute(Sql.BeginRead);
        try
        {
            // AWS: with both markers, the remaining uploads of KeyMarker (ids after UploadIdMarker) come first.
            if (query.KeyMarker is not null && query.UploadIdMarker is not null
                && PrefixWalker.IsListedKey(query.Prefix, query.Delimiter, query.KeyMarker))
            {
                var command = _commands.Get(Sql.SeekUploadsOfKeyAfterId, 4)
                    .Bind(0, query.Bucket).Bind(1, query.KeyMarker).Bind(2, query.UploadIdMarker).Bind(3, budget + 1);
                using var reader = command.ExecuteReader();
                while (reader.Read())
                {
                    if (uploads.Count == budget)
                    {
                        // max-uploads 0 lists nothing and names no marker.
                        var lastRow = uploads.Count > 0 ? uploads[^1] : null;
                        return new UploadListing(uploads, prefixes, true, lastRow?.Key, lastRow?.UploadId);
                    }

                    uploads.Add(RowReaders.Upload(reader));
                }
            }

            var result = PrefixWalker.Walk(
                query.Prefix, query.Delimiter, query.KeyMarker, budget - uploads.Count,
                seek => Seek(UploadSeeks, query.Bucket, seek),
                (cursor, _) => uploads.Add(RowReaders.Upload(cursor.Reader)),
                prefixes);
            if (!result.IsTruncated)
            {
                return new UploadListing(uploads, prefixes, false, null, null);
            }

            return result.LastIsPrefix || uploads.Count == 0
                ? new UploadListing(uploads, prefixes, true, result.LastEntry, null)
                : new UploadListing(uploads, prefixes, true, uploads[^1].Key, uploads[^1].UploadId);
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }
    }

    public List<UploadRow> ListUploadsInitiatedBefore(DateTimeOffset cutoff, int limit)
    {
        var uploads = new List<UploadRow>();
        using var reader = _commands.Get(Sql.UploadsInitiatedBefore, 2).Bind(0, UtcTicks.From(cutoff)).Bind(1, limit).ExecuteReader();
        while (reader.Read())
        {
            uploads.Add(RowReaders.Upload(reader));
        }

        return uploads;
    }

    public List<Guid> ListGarbage(int limit)
    {
        var ids = new List<Guid>();
        using var reader = _commands.Get(Sql.ListGarbage, 1).Bind(0, limit).ExecuteReader();
        while (reader.Read())
        {
            ids.Add(reader.GetGuid(0));
        }

        return ids;
    }

    public void CollectReferencedBlobs(Action<Guid> reference)
    {
        _commands.Execute(Sql.BeginRead);
        try
        {
            using (var reader = _commands.Get(Sql.AllManifests, 0).ExecuteReader())
            {
                while (reader.Read())
                {
                    foreach (var segment in ManifestCodec.Decode(reader.GetFieldValue<byte[]>(0)).Segments)
                    {
                        reference(segment.BlobId);
                    }
                }
            }

            foreach (var sql in new[] { Sql.AllPartBlobs, Sql.AllGarbageBlobs })
            {
                using var reader = _commands.Get(sql, 0).ExecuteReader();
                while (reader.Read())
                {
                    reference(reader.GetGuid(0));
                }
            }
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }
    }

    public void Dispose()
    {
        _commands.Dispose();
        _connection.Dispose();
    }

    // The four forms of each listing seek: from (inclusive) or after (exclusive), with or without an upper bound.
    private static readonly SeekStatements ObjectSeeks =
        new(Sql.SeekObjectsFrom, Sql.SeekObjectsAfter, Sql.SeekObjectsFromBounded, Sql.SeekObjectsAfterBounded);

    private static readonly SeekStatements VersionSeeks =
        new(Sql.SeekVersionsFrom, Sql.SeekVersionsAfter, Sql.SeekVersionsFromBounded, Sql.SeekVersionsAfterBounded);

    private static readonly SeekStatements UploadSeeks =
        new(Sql.SeekUploadsFrom, Sql.SeekUploadsAfter, Sql.SeekUploadsFromBounded, Sql.SeekUploadsAfterBounded);

    private SqliteKeyCursor Seek(SeekStatements statements, string bucket, KeySeek seek)
    {
        string sql = (seek.Exclusive, seek.Upper is null) switch
        {
            (false, true) => statements.From,
            (true, true) => statements.After,
            (false, false) => statements.FromBounded,
            (true, false) => statements.AfterBounded,
        };
        var command = _commands.Get(sql, seek.Upper is null ? 3 : 4).Bind(0, bucket).Bind(1, seek.From).Bind(2, seek.Limit);
        if (seek.Upper is not null)
        {
            command.Bind(3, seek.Upper);
        }

        return new SqliteKeyCursor(command.ExecuteReader());
    }

    private sealed record SeekStatements(string From, string After, string FromBounded, string AfterBounded);

    // Device shadows (schema 013, issue 16).

    public ShadowRow? GetShadow(string accountId, string thingName, string shadowName) =>
        ShadowStatements.Get(_commands, accountId, thingName, shadowName);

    public List<string> ListShadowNames(string accountId, string thingName, string after, int limit) =>
        ShadowStatements.ListNames(_commands, accountId, thingName, after, limit);

    // IoT registry (issue 16, schema 014): one contiguous block, kept at the end for merges.

    /// <summary>The whole registry in one read transaction, so a thing and its credentials are seen at one point in time.</summary>
    public IotRegistryRows LoadIotRegistry()
    {
        _commands.Execute(Sql.BeginRead);
        try
        {
            return IotRegistryStatements.Load(_commands);
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }
    }

    public List<OutboxEntry> ListDueOutboxEntries(DateTimeOffset now, int limit)
    {
        var entries = new List<OutboxEntry>();
        using var reader = _commands.Get(OutboxSql.ListDue, 2).Bind(0, UtcTicks.From(now)).Bind(1, limit).ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new OutboxEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), UtcTicks.ToTimestamp(reader.GetInt64(3)), reader.GetInt32(4),
                UtcTicks.ToTimestamp(reader.GetInt64(5))));
        }

        return entries;
    }

    public long CountOutboxEntries() =>
        Convert.ToInt64(_commands.Get(OutboxSql.Count, 0).ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);

    // MQTT broker state (issue 16 "Broker", schema 018): one contiguous block, kept at the end for merges.
    public List<MqttRetainedRow> ListMqttRetained() => MqttStateStatements.ListRetained(_commands);

    /// <summary>Sessions and subscriptions in one read transaction, so a subscription never lacks its session.</summary>
    public MqttSessionRows LoadMqttSessions()
    {
        _commands.Execute(Sql.BeginRead);
        try
        {
            return MqttStateStatements.LoadSessions(_commands);
        }
        finally
        {
            _commands.Execute(Sql.Commit);
        }
    }

    // IoT rules (issue 16, schema 017): one contiguous block, kept at the end for merges.
    public List<IotRuleRow> ListIotRules() => IotRuleStatements.ListRules(_commands);

    public List<IotSpoolStats> ReadIotSpoolStats() => IotRuleStatements.Stats(_commands);

    public List<IotSpoolBatch> ListClaimedIotBatches() => IotRuleStatements.ListClaimed(_commands);

    public List<IotSpoolRow> ReadIotSpoolBatch(long batchId) => IotRuleStatements.ReadBatch(_commands, batchId);

    // MQTT queued messages (issue 16, schema 021): one contiguous block, kept at the end for merges.
    public List<MqttQueuedRow> ListMqttQueued() => MqttStateStatements.ListQueued(_commands);

    // X.509 device certificates (issue 16, schema 020): one contiguous block, kept at the end for merges.
    public List<IotCertificateRow> ListIotCertificates() => IotCertificateStatements.List(_commands);

    // Cross-region replication (issue 17, schema 019): one contiguous block, kept at the end for merges.
    public List<ReplicationOutboxEntry> ListDueReplicationEntries(DateTimeOffset now, int limit)
    {
        var entries = new List<ReplicationOutboxEntry>();
        using var reader = _commands.Get(ReplicationSql.ListDue, 2).Bind(0, UtcTicks.From(now)).Bind(1, limit).ExecuteReader();
        while (reader.Read())
        {
            entries.Add(new ReplicationOutboxEntry(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4), reader.GetString(5),
                reader.GetInt64(6) != 0, reader.GetInt64(7), UtcTicks.ToTimestamp(reader.GetInt64(8)), reader.GetInt32(9),
                UtcTicks.ToTimestamp(reader.GetInt64(10)), reader.IsDBNull(11) ? null : reader.GetString(11))
            {
                MetadataOnly = reader.GetInt64(12) != 0,
            });
        }

        return entries;
    }

    public string? GetReplicationStatus(string bucket, string key, string versionId) =>
        _commands.Get(ReplicationSql.SelectStatus, 3).Bind(0, bucket).Bind(1, key).Bind(2, versionId).ExecuteScalar() as string;

    public ReplicationMetadataStamp? GetReplicationMetadataStamp(string bucket, string key, string versionId) =>
        ReplicationStampStatements.Get(_commands, bucket, key, versionId);

    public List<ReplicationBacklog> ReadReplicationBacklog()
    {
        var rows = new List<ReplicationBacklog>();
        using var reader = _commands.Get(ReplicationSql.Backlog, 0).ExecuteReader();
        while (reader.Read())
        {
            rows.Add(new ReplicationBacklog(
                reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetInt64(4),
                UtcTicks.ToTimestamp(reader.GetInt64(5)), reader.GetInt64(6)));
        }

        return rows;
    }

    public List<BucketNameRow> ListBucketNamesInRegion(string region) => BucketRegistryStatements.ListByRegion(_commands, region);

    // Delayed MQTT wills (issue 16, schema 023): kept at the end for merges.
    public List<MqttWillRow> ListMqttWills() => MqttWillStatements.List(_commands);

    // MQTT QoS 2 exchanges awaiting PUBREL (issue 16, schema 026): kept at the end for merges.
    public List<MqttReceivedQos2Row> ListMqttReceivedQos2() => MqttReceivedQos2Statements.List(_commands);
}
