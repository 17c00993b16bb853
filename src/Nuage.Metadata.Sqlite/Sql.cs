namespace Nuage.Metadata.Sqlite;

/// <summary>
/// Every statement the engine runs, as static strings so CommandCache can key prepared commands by reference.
/// Parameters are positional ($1..$n). Range bounds are bound as UTF-8 BLOBs and CAST to TEXT: SQLite reinterprets
/// the bytes as text in the database encoding (UTF-8), which lets a bound be a byte successor that is not valid UTF-8.
/// </summary>
internal static class Sql
{
    public const string BucketColumns = "name, owner, region, created_at";
    public const string SelectBucket = "SELECT " + BucketColumns + " FROM buckets WHERE name = $1";
    public const string ListBuckets = "SELECT " + BucketColumns + " FROM buckets WHERE owner = $1 ORDER BY name";
    public const string InsertBucket =
        "INSERT INTO buckets (name, owner, region, created_at) VALUES ($1, $2, $3, $4) ON CONFLICT (name) DO NOTHING";
    public const string BucketHasObjects = "SELECT EXISTS (SELECT 1 FROM objects WHERE bucket = $1)";
    public const string DeleteBucket = "DELETE FROM buckets WHERE name = $1";

    /// <summary>
    /// Ordinals 0..20; inline_data (21) is appended only when the data is wanted, then tags (006) and encryption
    /// (008), so tags is at 21 without data and 22 with it, encryption one after. upload_id (002) is stored after
    /// inline_data, so only <see cref="SelectObjectCompletedBy"/> reads it.
    /// </summary>
    public const string ObjectColumns =
        "bucket, key, version_id, size, etag, last_modified, origin_region, owner, checksum_algorithm, checksum_value, " +
        "checksum_composite, parts_count, content_type, content_encoding, content_disposition, content_language, " +
        "cache_control, expires, user_metadata, manifest, inline_checksum";
    public const string SelectObjectWithData =
        "SELECT " + ObjectColumns + ", inline_data, tags, encryption FROM objects WHERE bucket = $1 AND key = $2";
    public const string SelectObjectHead =
        "SELECT " + ObjectColumns + ", tags, encryption FROM objects WHERE bucket = $1 AND key = $2";
    public const string SelectObjectCompletedBy =
        "SELECT " + ObjectColumns + ", tags, encryption FROM objects WHERE bucket = $1 AND key = $2 AND upload_id = $3";
    public const string SelectObjectETag = "SELECT etag FROM objects WHERE bucket = $1 AND key = $2";
    public const string SelectObjectManifest = "SELECT manifest FROM objects WHERE bucket = $1 AND key = $2";
    public const string UpsertObject =
        "INSERT INTO objects (" + ObjectColumns + ", inline_data, upload_id, tags, encryption) VALUES " +
        "($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $25) " +
        "ON CONFLICT (bucket, key) DO UPDATE SET version_id = excluded.version_id, size = excluded.size, " +
        "etag = excluded.etag, last_modified = excluded.last_modified, origin_region = excluded.origin_region, " +
        "owner = excluded.owner, checksum_algorithm = excluded.checksum_algorithm, " +
        "checksum_value = excluded.checksum_value, checksum_composite = excluded.checksum_composite, " +
        "parts_count = excluded.parts_count, content_type = excluded.content_type, " +
        "content_encoding = excluded.content_encoding, content_disposition = excluded.content_disposition, " +
        "content_language = excluded.content_language, cache_control = excluded.cache_control, " +
        "expires = excluded.expires, user_metadata = excluded.user_metadata, manifest = excluded.manifest, " +
        "inline_checksum = excluded.inline_checksum, inline_data = excluded.inline_data, upload_id = excluded.upload_id, " +
        "tags = excluded.tags, encryption = excluded.encryption";
    public const string UpdateObjectTags = "UPDATE objects SET tags = $3 WHERE bucket = $1 AND key = $2";
    public const string DeleteObject = "DELETE FROM objects WHERE bucket = $1 AND key = $2 RETURNING manifest";
    public const string SelectObjectAcl = "SELECT acl FROM object_acls WHERE bucket = $1 AND key = $2";
    public const string UpsertObjectAcl =
        "INSERT INTO object_acls (bucket, key, acl) VALUES ($1, $2, $3) ON CONFLICT (bucket, key) DO UPDATE SET acl = excluded.acl";
    public const string DeleteObjectAcl = "DELETE FROM object_acls WHERE bucket = $1 AND key = $2";

    private const string ListColumns =
        "SELECT key, version_id, size, etag, last_modified, owner, checksum_algorithm, checksum_value, checksum_composite FROM objects ";
    public const string SeekObjectsFrom =
        ListColumns + "WHERE bucket = $1 AND key >= CAST($2 AS TEXT) ORDER BY key LIMIT $3";
    public const string SeekObjectsAfter =
        ListColumns + "WHERE bucket = $1 AND key > CAST($2 AS TEXT) ORDER BY key LIMIT $3";
    public const string SeekObjectsFromBounded =
        ListColumns + "WHERE bucket = $1 AND key >= CAST($2 AS TEXT) AND key < CAST($4 AS TEXT) ORDER BY key LIMIT $3";
    public const string SeekObjectsAfterBounded =
        ListColumns + "WHERE bucket = $1 AND key > CAST($2 AS TEXT) AND key < CAST($4 AS TEXT) ORDER BY key LIMIT $3";

    public const string UploadColumns =
        "key, upload_id, bucket, initiated, owner, checksum_algorithm, content_type, content_encoding, " +
        "content_disposition, content_language, cache_control, expires, user_metadata, acl, tags, encryption";
    public const string InsertUpload =
        "INSERT INTO uploads (" + UploadColumns + ") VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)";
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

    public const string BucketUsage = "SELECT bucket, objects, bytes FROM bucket_usage";
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
