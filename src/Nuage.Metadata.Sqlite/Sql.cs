namespace Nuage.Metadata.Sqlite;

/// <summary>
/// Every statement the engine runs, as static strings so CommandCache can key prepared commands by reference.
/// Parameters are positional ($1..$n). Range bounds are bound as UTF-8 BLOBs and CAST to TEXT: SQLite reinterprets
/// the bytes as text in the database encoding (UTF-8), which lets a bound be a byte successor that is not valid UTF-8.
/// </summary>
internal static class Sql
{
    public const string BucketColumns = "name, owner, region, created_at, versioning";
    public const string SelectBucket = "SELECT " + BucketColumns + " FROM buckets WHERE name = $1";
    public const string ListBuckets = "SELECT " + BucketColumns + " FROM buckets WHERE owner = $1 ORDER BY name";
    public const string InsertBucket =
        "INSERT INTO buckets (name, owner, region, created_at, versioning) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING";
    public const string BucketHasObjects = "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = $1)";
    public const string DeleteBucket = "DELETE FROM buckets WHERE name = $1";

    /// <summary>
    /// Ordinals 0..20, then whether the version is latest (21), is_delete_marker (22), tags (23) and encryption (24);
    /// inline_data (25) is appended only when the data is wanted. upload_id is read only by
    /// <see cref="SelectObjectCompletedBy"/>. A version is latest when current_objects points at it (schema 011).
    /// </summary>
    private static string ObjectColumns(string isLatest) =>
        "o.bucket, o.key, o.version_id, o.size, o.etag, o.last_modified, o.origin_region, o.owner, o.checksum_algorithm, " +
        "o.checksum_value, o.checksum_composite, o.parts_count, o.content_type, o.content_encoding, o.content_disposition, " +
        "o.content_language, o.cache_control, o.expires, o.user_metadata, o.manifest, o.inline_checksum, " + isLatest + ", " +
        "o.is_delete_marker, o.tags, o.encryption";

    // The latest version of a key: its current_objects row, then the version by seq (the rowid).
    private const string FromLatest = " FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = $1 AND c.key = $2";

    // A version by its id (objects_by_version), with whether current_objects points at it.
    private const string FromVersion =
        " FROM objects o LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq " +
        "WHERE o.bucket = $1 AND o.key = $2 AND o.version_id = $3";

    public static readonly string SelectLatestWithData = "SELECT " + ObjectColumns("1") + ", o.inline_data" + FromLatest;
    public static readonly string SelectLatestHead = "SELECT " + ObjectColumns("1") + FromLatest;
    public static readonly string SelectVersionWithData = "SELECT " + ObjectColumns("c.seq IS NOT NULL") + ", o.inline_data" + FromVersion;
    public static readonly string SelectVersionHead = "SELECT " + ObjectColumns("c.seq IS NOT NULL") + FromVersion;
    public static readonly string SelectObjectCompletedBy = "SELECT " + ObjectColumns("1") + FromLatest + " AND o.upload_id = $3";

    /// <summary>What replacing a version needs of the row it replaces: whether it is latest, and its blobs.</summary>
    public const string SelectVersionForReplace = "SELECT c.seq IS NOT NULL, o.manifest" + FromVersion;

    /// <summary>Parameters $1..$21 in <see cref="ObjectColumns"/> order up to inline_checksum, then $22..$26.</summary>
    private const string WrittenColumns =
        "bucket, key, version_id, size, etag, last_modified, origin_region, owner, checksum_algorithm, checksum_value, " +
        "checksum_composite, parts_count, content_type, content_encoding, content_disposition, content_language, " +
        "cache_control, expires, user_metadata, manifest, inline_checksum, inline_data, upload_id, tags, is_delete_marker, encryption";
    public const int WrittenColumnCount = 26;

    /// <summary>
    /// A new version's row. Its seq is read with sqlite3_last_insert_rowid afterwards, not with RETURNING: SQLite
    /// gathers RETURNING rows in an ephemeral table, a temporary b-tree with its own page cache made and torn down per
    /// statement, which cost a versioned PUT's commit about a tenth of its CPU (docs/performance.md).
    /// </summary>
    public const string InsertObject =
        "INSERT INTO objects (" + WrittenColumns + ") VALUES " +
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)";

    /// <summary>Overwrites the latest version in place (the null version of an unversioned bucket): no index changes.</summary>
    public const string OverwriteVersion =
        "UPDATE objects SET size = $4, etag = $5, last_modified = $6, origin_region = $7, owner = $8, " +
        "checksum_algorithm = $9, checksum_value = $10, checksum_composite = $11, parts_count = $12, content_type = $13, " +
        "content_encoding = $14, content_disposition = $15, content_language = $16, cache_control = $17, expires = $18, " +
        "user_metadata = $19, manifest = $20, inline_checksum = $21, inline_data = $22, upload_id = $23, tags = $24, " +
        "is_delete_marker = $25, encryption = $26 WHERE bucket = $1 AND key = $2 AND version_id = $3";

    /// <summary>Points the key at its new latest version: the only write a new version makes besides its own row.</summary>
    public const string PointCurrent =
        "INSERT INTO current_objects (bucket, key, seq) VALUES ($1, $2, $3) ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq";
    public const string DeleteCurrent = "DELETE FROM current_objects WHERE bucket = $1 AND key = $2";

    /// <summary>
    /// A key's versions newest first, with their last-writer-wins stamp: read until the first one not later than an
    /// older replica, which then goes below the ones read (<see cref="WriteTransaction.PutObjectNoncurrent"/>).
    /// </summary>
    public const string SelectKeyOrder =
        "SELECT seq, last_modified, origin_region FROM objects WHERE bucket = $1 AND key = $2 ORDER BY seq DESC";

    /// <summary>Moves a version to a seq above every row's (what the next insert would get: seq is the rowid, without AUTOINCREMENT).</summary>
    public const string MoveVersionToTop = "UPDATE objects SET seq = (SELECT max(seq) + 1 FROM objects) WHERE seq = $1 RETURNING seq";

    /// <summary>Moves a version to a seq another version of its key has just left.</summary>
    public const string MoveVersion = "UPDATE objects SET seq = $2 WHERE seq = $1";
    public const string MoveVersionById = "UPDATE objects SET seq = $4 WHERE bucket = $1 AND key = $2 AND version_id = $3";

    /// <summary>The newest version of a key but the one named (objects_versions, newest first).</summary>
    public const string SelectNewestOtherVersion =
        "SELECT seq FROM objects WHERE bucket = $1 AND key = $2 AND version_id <> $3 ORDER BY seq DESC LIMIT 1";
    public const string UpdateObjectTags = "UPDATE objects SET tags = $4 WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string DeleteVersion = "DELETE FROM objects WHERE bucket = $1 AND key = $2 AND version_id = $3 RETURNING manifest";
    public const string SelectObjectAcl = "SELECT acl FROM object_acls WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string UpsertObjectAcl =
        "INSERT INTO object_acls (bucket, key, version_id, acl) VALUES ($1, $2, $3, $4) " +
        "ON CONFLICT (bucket, key, version_id) DO UPDATE SET acl = excluded.acl";
    public const string DeleteObjectAcl = "DELETE FROM object_acls WHERE bucket = $1 AND key = $2 AND version_id = $3";
    // Every version but the latest is older than it: a second version is an older one.
    public const string KeyHasOlderVersions = "SELECT count(*) FROM (SELECT 1 FROM objects WHERE bucket = $1 AND key = $2 LIMIT 2)";
    public const string SelectObjectLock =
        "SELECT mode, retain_until, legal_hold FROM object_locks WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string UpsertObjectLock =
        "INSERT INTO object_locks (bucket, key, version_id, mode, retain_until, legal_hold) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (bucket, key, version_id) DO UPDATE SET mode = excluded.mode, retain_until = excluded.retain_until, " +
        "legal_hold = excluded.legal_hold";
    public const string DeleteObjectLock = "DELETE FROM object_locks WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string SetBucketVersioning = "UPDATE buckets SET versioning = $2 WHERE name = $1";

    // Current objects: the latest version of each key, delete markers left out. CROSS JOIN makes current_objects
    // the outer loop (SQLite keeps a CROSS JOIN's order): its primary key walks the keys in order, one row a key,
    // where objects' indexes would walk every version.
    private const string ListColumns =
        "SELECT o.key, o.version_id, o.size, o.etag, o.last_modified, o.owner, o.checksum_algorithm, o.checksum_value, " +
        "o.checksum_composite FROM current_objects c CROSS JOIN objects o ON o.seq = c.seq ";
    private const string Listed = " AND o.is_delete_marker = 0 ORDER BY c.key LIMIT $3";
    public const string SeekObjectsFrom =
        ListColumns + "WHERE c.bucket = $1 AND c.key >= CAST($2 AS TEXT)" + Listed;
    public const string SeekObjectsAfter =
        ListColumns + "WHERE c.bucket = $1 AND c.key > CAST($2 AS TEXT)" + Listed;
    public const string SeekObjectsFromBounded =
        ListColumns + "WHERE c.bucket = $1 AND c.key >= CAST($2 AS TEXT) AND c.key < CAST($4 AS TEXT)" + Listed;
    public const string SeekObjectsAfterBounded =
        ListColumns + "WHERE c.bucket = $1 AND c.key > CAST($2 AS TEXT) AND c.key < CAST($4 AS TEXT)" + Listed;

    // Every version, keys in order and each key's versions newest first, through objects_versions; the LEFT JOIN
    // keeps objects the outer loop and tells which version is latest.
    private const string VersionColumns =
        "SELECT o.key, o.version_id, c.seq IS NOT NULL, o.is_delete_marker, o.size, o.etag, o.last_modified, o.owner, " +
        "o.checksum_algorithm, o.checksum_value, o.checksum_composite FROM objects o " +
        "LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq ";
    private const string Versions = " ORDER BY o.key, o.seq DESC LIMIT $3";
    public const string SeekVersionsFrom =
        VersionColumns + "WHERE o.bucket = $1 AND o.key >= CAST($2 AS TEXT)" + Versions;
    public const string SeekVersionsAfter =
        VersionColumns + "WHERE o.bucket = $1 AND o.key > CAST($2 AS TEXT)" + Versions;
    public const string SeekVersionsFromBounded =
        VersionColumns + "WHERE o.bucket = $1 AND o.key >= CAST($2 AS TEXT) AND o.key < CAST($4 AS TEXT)" + Versions;
    public const string SeekVersionsAfterBounded =
        VersionColumns + "WHERE o.bucket = $1 AND o.key > CAST($2 AS TEXT) AND o.key < CAST($4 AS TEXT)" + Versions;
    public const string SelectVersionSeq = "SELECT seq FROM objects WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string SeekVersionsOfKeyBefore =
        VersionColumns + "WHERE o.bucket = $1 AND o.key = $2 AND o.seq < $3 ORDER BY o.seq DESC LIMIT $4";

    public const string UploadColumns =
        "key, upload_id, bucket, initiated, owner, checksum_algorithm, content_type, content_encoding, " +
        "content_disposition, content_language, cache_control, expires, user_metadata, acl, tags, object_lock, encryption";
    public const string InsertUpload =
        "INSERT INTO uploads (" + UploadColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17)";
    public const string SelectUpload = "SELECT " + UploadColumns + " FROM uploads WHERE upload_id = $1";
    public const string DeleteUpload = "DELETE FROM uploads WHERE upload_id = $1";
    public const string UploadsInitiatedBefore =
        "SELECT " + UploadColumns + " FROM uploads WHERE initiated < $1 ORDER BY initiated LIMIT $2";
    public const string SeekUploadsOfKeyAfterId =
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key = $2 AND upload_id > $3 ORDER BY upload_id LIMIT $4";
    public const string SeekUploadsFrom =
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key >= CAST($2 AS TEXT) ORDER BY key, upload_id LIMIT $3";
    public const string SeekUploadsAfter =
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key > CAST($2 AS TEXT) ORDER BY key, upload_id LIMIT $3";
    public const string SeekUploadsFromBounded =
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key >= CAST($2 AS TEXT) AND key < CAST($4 AS TEXT) ORDER BY key, upload_id LIMIT $3";
    public const string SeekUploadsAfterBounded =
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key > CAST($2 AS TEXT) AND key < CAST($4 AS TEXT) ORDER BY key, upload_id LIMIT $3";

    public const string PartColumns =
        "upload_id, part_number, size, etag, last_modified, checksum_algorithm, checksum_value, blob_id";
    public const string UpsertPart =
        "INSERT INTO parts (" + PartColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8) " +
        "ON CONFLICT (upload_id, part_number) DO UPDATE SET size = excluded.size, etag = excluded.etag, " +
        "last_modified = excluded.last_modified, checksum_algorithm = excluded.checksum_algorithm, " +
        "checksum_value = excluded.checksum_value, blob_id = excluded.blob_id";
    public const string SelectPartBlob = "SELECT blob_id FROM parts WHERE upload_id = $1 AND part_number = $2";
    public const string SelectParts = "SELECT " + PartColumns + " FROM parts WHERE upload_id = $1 ORDER BY part_number";
    public const string ListParts =
        "SELECT " + PartColumns + " FROM parts WHERE upload_id = $1 AND part_number > $2 ORDER BY part_number LIMIT $3";
    public const string DeleteParts = "DELETE FROM parts WHERE upload_id = $1 RETURNING blob_id";
    public const string DeletePartsOfBucket =
        "DELETE FROM parts WHERE upload_id IN (SELECT upload_id FROM uploads WHERE bucket = $1) RETURNING blob_id";
    public const string DeleteUploadsOfBucket = "DELETE FROM uploads WHERE bucket = $1";

    public const string InsertGarbage = "INSERT OR IGNORE INTO garbage (blob_id, added_at) VALUES ($1, $2)";
    public const string DeleteGarbage = "DELETE FROM garbage WHERE blob_id = $1";
    public const string ListGarbage = "SELECT blob_id FROM garbage ORDER BY added_at LIMIT $1";

    public const string BucketsWithSetting = "SELECT bucket, value FROM bucket_settings WHERE name = $1 ORDER BY bucket";
    public const string BucketUsage = "SELECT bucket, objects, bytes, stored_bytes FROM bucket_usage";
    // buckets_by_owner finds the account's buckets, bucket_usage's key their row: one seek per bucket.
    public const string AccountStoredBytes =
        "SELECT COALESCE(SUM(u.stored_bytes), 0) FROM buckets b JOIN bucket_usage u ON u.bucket = b.name WHERE b.owner = $1";
    public const string GarbageBacklog = "SELECT value FROM store_counters WHERE name = 'garbage_blobs'";

    public const string AllManifests = "SELECT manifest FROM objects WHERE manifest IS NOT NULL";
    public const string AllPartBlobs = "SELECT blob_id FROM parts";
    public const string AllGarbageBlobs = "SELECT blob_id FROM garbage";

    public const string Begin = "BEGIN IMMEDIATE";
    public const string Commit = "COMMIT";
    public const string Rollback = "ROLLBACK";
    public const string Savepoint = "SAVEPOINT unit";
    public const string Release = "RELEASE unit";
    public const string RollbackToSavepoint = "ROLLBACK TO unit";
    public const string BeginRead = "BEGIN";
}
