namespace Nuage.Metadata.Postgres;

/// <summary>
/// The objects area's statements, ported from the SQLite engine's Sql.cs with the same column orders, so
/// <see cref="PostgresObjectRows"/> reads them by the same ordinals. Keys are BYTEA (their UTF-8 bytes) and compare
/// bytewise, which is S3's listing order; flags are BOOLEAN; times BIGINT UTC ticks; blob ids UUID.
/// </summary>
internal static class PostgresObjectSql
{
    public const string BucketColumns = "name, owner, region, created_at, versioning";
    public const string SelectBucket = "SELECT " + BucketColumns + " FROM buckets WHERE name = $1";
    public const string ListBuckets = "SELECT " + BucketColumns + " FROM buckets WHERE owner = $1 ORDER BY name";
    public const string InsertBucket =
        "INSERT INTO buckets (name, owner, region, created_at, versioning) VALUES ($1, $2, $3, $4, $5) ON CONFLICT (name) DO NOTHING";
    public const string BucketHasObjects = "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = $1)";
    public const string DeleteBucket = "DELETE FROM buckets WHERE name = $1";

    public const string SelectBucketSettings = "SELECT name, value FROM bucket_settings WHERE bucket = $1";
    public const string UpsertBucketSetting =
        "INSERT INTO bucket_settings (bucket, name, value) VALUES ($1, $2, $3) ON CONFLICT (bucket, name) DO UPDATE SET value = excluded.value";
    public const string DeleteBucketSetting = "DELETE FROM bucket_settings WHERE bucket = $1 AND name = $2";
    public const string DeleteBucketSettings = "DELETE FROM bucket_settings WHERE bucket = $1";
    public const string BucketsWithSetting = "SELECT bucket, value FROM bucket_settings WHERE name = $1 ORDER BY bucket";

    /// <summary>
    /// Ordinals 0..20, then whether the version is latest (21), is_delete_marker (22), tags (23) and encryption (24);
    /// inline_data (25) only when the data is wanted. A version is latest when current_objects points at it.
    /// </summary>
    private static string ObjectColumns(string isLatest) =>
        "o.bucket, o.key, o.version_id, o.size, o.etag, o.last_modified, o.origin_region, o.owner, o.checksum_algorithm, " +
        "o.checksum_value, o.checksum_composite, o.parts_count, o.content_type, o.content_encoding, o.content_disposition, " +
        "o.content_language, o.cache_control, o.expires, o.user_metadata, o.manifest, o.inline_checksum, " + isLatest + ", " +
        "o.is_delete_marker, o.tags, o.encryption";

    private const string FromLatest = " FROM current_objects c JOIN objects o ON o.seq = c.seq WHERE c.bucket = $1 AND c.key = $2";

    private const string FromVersion =
        " FROM objects o LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq " +
        "WHERE o.bucket = $1 AND o.key = $2 AND o.version_id = $3";

    public static readonly string SelectLatestWithData = "SELECT " + ObjectColumns("TRUE") + ", o.inline_data" + FromLatest;
    public static readonly string SelectLatestHead = "SELECT " + ObjectColumns("TRUE") + FromLatest;
    /// <summary>
    /// The latest versions of many keys in one statement (PostgresLatestLookups): argument 1 the buckets, 2 the keys,
    /// pairwise; each row ends with the 1-based position of its key in the arrays (ordinal 25, or 26 after the data).
    /// A key without a latest version has no row. Each pair is one probe of current_objects' primary key.
    /// </summary>
    private const string FromLatestMany =
        " FROM unnest($1::text[], $2::bytea[]) WITH ORDINALITY AS wanted (bucket, key, position) " +
        "JOIN current_objects c ON c.bucket = wanted.bucket AND c.key = wanted.key JOIN objects o ON o.seq = c.seq";

    public static readonly string SelectLatestManyWithData = "SELECT " + ObjectColumns("TRUE") + ", o.inline_data, wanted.position" + FromLatestMany;
    public static readonly string SelectLatestManyHead = "SELECT " + ObjectColumns("TRUE") + ", wanted.position" + FromLatestMany;
    public static readonly string SelectVersionWithData = "SELECT " + ObjectColumns("c.seq IS NOT NULL") + ", o.inline_data" + FromVersion;
    public static readonly string SelectVersionHead = "SELECT " + ObjectColumns("c.seq IS NOT NULL") + FromVersion;
    public static readonly string SelectObjectCompletedBy = "SELECT " + ObjectColumns("TRUE") + FromLatest + " AND o.upload_id = $3";


    private const string WrittenColumns =
        "bucket, key, version_id, size, etag, last_modified, origin_region, owner, checksum_algorithm, checksum_value, " +
        "checksum_composite, parts_count, content_type, content_encoding, content_disposition, content_language, " +
        "cache_control, expires, user_metadata, manifest, inline_checksum, inline_data, upload_id, tags, is_delete_marker, encryption";

    /// <summary>Overwrites the latest version in place (the null version of an unversioned bucket).</summary>
    public const string OverwriteVersion =
        "UPDATE objects SET size = $4, etag = $5, last_modified = $6, origin_region = $7, owner = $8, " +
        "checksum_algorithm = $9, checksum_value = $10, checksum_composite = $11, parts_count = $12, content_type = $13, " +
        "content_encoding = $14, content_disposition = $15, content_language = $16, cache_control = $17, expires = $18, " +
        "user_metadata = $19, manifest = $20, inline_checksum = $21, inline_data = $22, upload_id = $23, tags = $24, " +
        "is_delete_marker = $25, encryption = $26 WHERE bucket = $1 AND key = $2 AND version_id = $3";

    // Replacing a version the write names by id (the null version of an unversioned or suspended bucket) with
    // statements that need no answer, run in this order (PostgresTransaction.PutObject): the replaced row's blobs
    // into garbage, then the row overwritten where it stands when it is the key's latest, or deleted when it is not,
    // then the new row inserted unless the overwrite already holds the version id, then the pointer moved unless it
    // already names that row. Each statement finds by itself which case it is in, from the rows the ones before it
    // left, so the writer never waits for an answer (docs/metadata-engines.md "Writes").

    /// <summary>
    /// The blob ids of version $3's manifest into garbage ($4 the time), decoded by the server from the stored bytes
    /// (<c>ManifestCodec</c>'s format): byte 0 is the version (1: segments follow from byte 1; 2: byte 1 is the length
    /// L of a part checksum and segments follow from byte 2, then the checksums), each segment 24 bytes whose first
    /// 16 are the blob id in .NET's Guid layout: the first three fields little endian, so bytes 3 2 1 0 5 4 7 6 8..15
    /// are the UUID's own order (RFC 9562 §4, which is how Npgsql binds a Guid). A manifest of neither layout fails
    /// the statement (its text is not a UUID), as <c>ManifestCodec.Decode</c> refuses it on SQLite.
    /// </summary>
    public static readonly string InsertGarbageOfVersion =
        GarbageOfVersions("objects o", "o.bucket = $1 AND o.key = $2 AND o.version_id = $3 AND ");

    /// <summary>
    /// <see cref="InsertGarbageOfVersion"/> for many versions at once: $1 the buckets, $2 the keys, $3 the version ids
    /// (pairwise), $4 the time. One statement per batch of PUTs (<see cref="PostgresPutGroup"/>).
    /// </summary>
    public static readonly string InsertGarbageOfVersions =
        GarbageOfVersions(Versions + " JOIN objects o ON o.bucket = w.bucket AND o.key = w.key AND o.version_id = w.version_id", string.Empty);

    private static string GarbageOfVersions(string source, string filter) =>
        "INSERT INTO garbage (blob_id, added_at) " +
        "SELECT (CASE WHEN f.valid THEN encode(" +
        "substring(o.manifest FROM p.at + 4 FOR 1) || substring(o.manifest FROM p.at + 3 FOR 1) || " +
        "substring(o.manifest FROM p.at + 2 FOR 1) || substring(o.manifest FROM p.at + 1 FOR 1) || " +
        "substring(o.manifest FROM p.at + 6 FOR 1) || substring(o.manifest FROM p.at + 5 FOR 1) || " +
        "substring(o.manifest FROM p.at + 8 FOR 1) || substring(o.manifest FROM p.at + 7 FOR 1) || " +
        "substring(o.manifest FROM p.at + 9 FOR 8), 'hex') ELSE 'unknown manifest format' END)::UUID, $4 " +
        "FROM " + source + " " +
        "CROSS JOIN LATERAL (SELECT CASE WHEN length(o.manifest) >= 1 THEN get_byte(o.manifest, 0) ELSE 0 END AS format, " +
        "CASE WHEN length(o.manifest) >= 2 THEN get_byte(o.manifest, 1) ELSE 0 END AS second) b " +
        "CROSS JOIN LATERAL (SELECT CASE b.format WHEN 2 THEN 2 ELSE 1 END AS header, CASE b.format WHEN 2 THEN b.second ELSE 0 END AS checksum, " +
        "b.format = 1 OR (b.format = 2 AND b.second > 0) AS known) h " +
        "CROSS JOIN LATERAL (SELECT h.known AND (length(o.manifest) - h.header) % (24 + h.checksum) = 0 AS valid) f " +
        "CROSS JOIN LATERAL generate_series(0, CASE WHEN f.valid THEN (length(o.manifest) - h.header) / (24 + h.checksum) - 1 ELSE 0 END) AS i " +
        "CROSS JOIN LATERAL (SELECT h.header + (i * 24) AS at) p " +
        "WHERE " + filter + "o.manifest IS NOT NULL " +
        "ON CONFLICT (blob_id) DO NOTHING";

    /// <summary>Overwrites version $3 in place when it is the key's latest (the null version of an unversioned bucket).</summary>
    public const string OverwriteLatestVersion =
        OverwriteVersion + " AND EXISTS (SELECT 1 FROM current_objects c WHERE c.bucket = $1 AND c.key = $2 AND c.seq = objects.seq)";

    /// <summary>Deletes version $3 when it is not the key's latest (a noncurrent null version, suspended bucket).</summary>
    public const string DeleteNoncurrentVersion =
        "DELETE FROM objects o WHERE o.bucket = $1 AND o.key = $2 AND o.version_id = $3 " +
        "AND NOT EXISTS (SELECT 1 FROM current_objects c WHERE c.bucket = $1 AND c.key = $2 AND c.seq = o.seq)";

    /// <summary>The new version's row, unless the key already has a row of that version id (just overwritten).</summary>
    public const string InsertObjectUnlessPresent = InsertObject + " ON CONFLICT (bucket, key, version_id) DO NOTHING";

    /// <summary>
    /// The key's pointer to version $3, left alone when it names that row already: an update to the same seq would
    /// still run the usage trigger and write a new row version for nothing.
    /// </summary>
    public const string PointCurrentAtVersionIfMoved = PointCurrentAtVersion + " WHERE current_objects.seq <> excluded.seq";

    // The same steps for the PUTs of several units at once (PostgresPutGroup): one statement per step for the whole
    // group instead of one per PUT, so the server sets up each statement's executor once per batch (that set-up was
    // the largest single cost of a 4 KiB PUT on the writer's backend). Each row comes from unnest() over one array
    // per column; the group never holds a key twice, so every row of a statement touches a key of its own and the
    // statements give what the single-row ones would, run PUT after PUT.

    /// <summary>(bucket, key, version_id) of every PUT of a group: $1 text[], $2 bytea[], $3 text[], pairwise.</summary>
    private const string Versions = "unnest($1::text[], $2::bytea[], $3::text[]) AS w (bucket, key, version_id)";

    private static readonly string[] WrittenColumnNames = WrittenColumns.Split(", ");

    /// <summary>The SQL type of each of <see cref="WrittenColumns"/>, in order (the element type of its array parameter).</summary>
    public static readonly string[] WrittenColumnTypes =
    [
        "text", "bytea", "text", "bigint", "text", "bigint", "text", "text", "text", "text",
        "boolean", "integer", "text", "text", "text", "text", "text", "text", "text", "bytea",
        "bigint", "bytea", "text", "text", "boolean", "bytea",
    ];

    // Every written column as an array parameter ($1..$26), numbered so the rows keep the order they were written in.
    private static readonly string WrittenRows =
        "unnest(" + string.Join(", ", WrittenColumnTypes.Select((type, i) => "$" + (i + 1) + "::" + type + "[]")) + ") " +
        "WITH ORDINALITY AS w (" + WrittenColumns + ", n)";

    /// <summary>New version rows, in the order written (their seqs ascend in it).</summary>
    public static readonly string InsertObjects =
        "INSERT INTO objects (" + WrittenColumns + ") SELECT " + string.Join(", ", WrittenColumnNames.Select(c => "w." + c)) +
        " FROM " + WrittenRows + " ORDER BY w.n";

    public static readonly string InsertObjectsUnlessPresent = InsertObjects + " ON CONFLICT (bucket, key, version_id) DO NOTHING";

    /// <summary>Each row's version overwritten where it stands when it is its key's latest (<see cref="OverwriteLatestVersion"/>).</summary>
    public static readonly string OverwriteLatestVersions =
        "UPDATE objects SET " + string.Join(", ", WrittenColumnNames.Skip(3).Select(c => c + " = w." + c)) +
        " FROM " + WrittenRows + " WHERE objects.bucket = w.bucket AND objects.key = w.key AND objects.version_id = w.version_id " +
        "AND EXISTS (SELECT 1 FROM current_objects c WHERE c.bucket = objects.bucket AND c.key = objects.key AND c.seq = objects.seq)";

    /// <summary><see cref="DeleteNoncurrentVersion"/> for every (bucket, key, version id).</summary>
    public const string DeleteNoncurrentVersions =
        "DELETE FROM objects o USING " + Versions + " WHERE o.bucket = w.bucket AND o.key = w.key AND o.version_id = w.version_id " +
        "AND NOT EXISTS (SELECT 1 FROM current_objects c WHERE c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq)";

    /// <summary><see cref="PointCurrentAtVersionIfMoved"/> for every (bucket, key, version id).</summary>
    public const string PointCurrentAtVersionsIfMoved =
        "INSERT INTO current_objects (bucket, key, seq) SELECT o.bucket, o.key, o.seq FROM " + Versions +
        " JOIN objects o ON o.bucket = w.bucket AND o.key = w.key AND o.version_id = w.version_id " +
        "ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq WHERE current_objects.seq <> excluded.seq";

    /// <summary><see cref="DeleteObjectAcl"/> for every (bucket, key, version id).</summary>
    public const string DeleteObjectAcls =
        "DELETE FROM object_acls a USING " + Versions + " WHERE a.bucket = w.bucket AND a.key = w.key AND a.version_id = w.version_id";

    public const string PointCurrent =
        "INSERT INTO current_objects (bucket, key, seq) VALUES ($1, $2, $3) ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq";

    /// <summary>
    /// A version's row, and the key's pointer to it found by version id rather than by the row's seq: neither needs
    /// an answer, so both travel in one round trip with whatever follows (PostgresTransaction.Write).
    /// </summary>
    public const string InsertObject =
        "INSERT INTO objects (" + WrittenColumns + ") VALUES " +
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25, $26)";
    public const string PointCurrentAtVersion =
        "INSERT INTO current_objects (bucket, key, seq) SELECT bucket, key, seq FROM objects WHERE bucket = $1 AND key = $2 AND version_id = $3 " +
        "ON CONFLICT (bucket, key) DO UPDATE SET seq = excluded.seq";
    public const string DeleteCurrent = "DELETE FROM current_objects WHERE bucket = $1 AND key = $2";

    /// <summary>
    /// A key's versions newest first, with their last-writer-wins stamp: read until the first one not later than an
    /// older replica, which then goes below the ones read (PostgresTransaction.PutObjectNoncurrent).
    /// </summary>
    public const string SelectKeyOrder =
        "SELECT seq, last_modified, origin_region FROM objects WHERE bucket = $1 AND key = $2 ORDER BY seq DESC";

    /// <summary>Moves a version to a new seq from the identity's sequence, above every row's (an identity never hands a value out twice).</summary>
    public const string MoveVersionToTop =
        "UPDATE objects SET seq = nextval(pg_get_serial_sequence('objects', 'seq')) WHERE seq = $1 RETURNING seq";

    /// <summary>Moves a version to a seq another version of its key has just left.</summary>
    public const string MoveVersion = "UPDATE objects SET seq = $2 WHERE seq = $1";
    public const string MoveVersionById = "UPDATE objects SET seq = $4 WHERE bucket = $1 AND key = $2 AND version_id = $3";

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
    public const string KeyHasOlderVersions =
        "SELECT count(*) FROM (SELECT 1 FROM objects WHERE bucket = $1 AND key = $2 LIMIT 2) AS two";
    public const string SelectObjectLock =
        "SELECT mode, retain_until, legal_hold FROM object_locks WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string UpsertObjectLock =
        "INSERT INTO object_locks (bucket, key, version_id, mode, retain_until, legal_hold) VALUES ($1, $2, $3, $4, $5, $6) " +
        "ON CONFLICT (bucket, key, version_id) DO UPDATE SET mode = excluded.mode, retain_until = excluded.retain_until, " +
        "legal_hold = excluded.legal_hold";
    public const string DeleteObjectLock = "DELETE FROM object_locks WHERE bucket = $1 AND key = $2 AND version_id = $3";
    public const string SetBucketVersioning = "UPDATE buckets SET versioning = $2 WHERE name = $1";

    // Listing seeks: $1 bucket, $2 the lower bound, $3 the row limit, $4 the upper bound (when there is one). Each is
    // one range scan of a primary key or index on (bucket, key, ...) in key order, stopped by the LIMIT.

    /// <summary>Current objects, delete markers left out: current_objects' primary key walks one row a key.</summary>
    public static string SeekObjects(bool exclusive, bool bounded) =>
        "SELECT c.key, o.version_id, o.size, o.etag, o.last_modified, o.owner, o.checksum_algorithm, o.checksum_value, " +
        "o.checksum_composite FROM current_objects c JOIN objects o ON o.seq = c.seq " +
        "WHERE c.bucket = $1 AND c.key " + (exclusive ? ">" : ">=") + " $2" + (bounded ? " AND c.key < $4" : string.Empty) +
        " AND NOT o.is_delete_marker ORDER BY c.key LIMIT $3";

    private const string VersionColumns =
        "SELECT o.key, o.version_id, c.seq IS NOT NULL, o.is_delete_marker, o.size, o.etag, o.last_modified, o.owner, " +
        "o.checksum_algorithm, o.checksum_value, o.checksum_composite, o.seq FROM objects o " +
        "LEFT JOIN current_objects c ON c.bucket = o.bucket AND c.key = o.key AND c.seq = o.seq ";

    /// <summary>
    /// Every version, keys in order and each key's versions newest first: objects_versions (bucket, key, seq) gives
    /// the key order, and an incremental sort turns each key's few versions round.
    /// </summary>
    public static string SeekVersions(bool exclusive, bool bounded) =>
        VersionColumns + "WHERE o.bucket = $1 AND o.key " + (exclusive ? ">" : ">=") + " $2" + (bounded ? " AND o.key < $4" : string.Empty) +
        " ORDER BY o.key, o.seq DESC LIMIT $3";

    public const string SelectVersionSeq = "SELECT seq FROM objects WHERE bucket = $1 AND key = $2 AND version_id = $3";

    /// <summary>The versions of one key older than seq $3, newest first.</summary>
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

    /// <summary>The uploads of one key whose id sorts after $3 (uploads_by_key).</summary>
    public const string SeekUploadsOfKeyAfterId =
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key = $2 AND upload_id > $3 ORDER BY upload_id LIMIT $4";

    public static string SeekUploads(bool exclusive, bool bounded) =>
        "SELECT " + UploadColumns + " FROM uploads WHERE bucket = $1 AND key " + (exclusive ? ">" : ">=") + " $2" +
        (bounded ? " AND key < $4" : string.Empty) + " ORDER BY key, upload_id LIMIT $3";

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

    public const string InsertGarbage = "INSERT INTO garbage (blob_id, added_at) VALUES ($1, $2) ON CONFLICT (blob_id) DO NOTHING";
    public const string DeleteGarbage = "DELETE FROM garbage WHERE blob_id = ANY($1)";
    public const string ListGarbage = "SELECT blob_id FROM garbage ORDER BY added_at LIMIT $1";

    public const string BucketUsage = "SELECT bucket, objects, bytes, stored_bytes FROM bucket_usage";

    // buckets_by_owner finds the account's buckets, bucket_usage's key their row. SUM(BIGINT) is NUMERIC: cast back.
    public const string AccountStoredBytes =
        "SELECT COALESCE(SUM(u.stored_bytes), 0)::BIGINT FROM buckets b JOIN bucket_usage u ON u.bucket = b.name WHERE b.owner = $1";
    public const string GarbageBacklog = "SELECT value FROM store_counters WHERE name = 'garbage_blobs'";

    public const string AllManifests = "SELECT manifest FROM objects WHERE manifest IS NOT NULL";
    public const string AllPartBlobs = "SELECT blob_id FROM parts";
    public const string AllGarbageBlobs = "SELECT blob_id FROM garbage";
}
