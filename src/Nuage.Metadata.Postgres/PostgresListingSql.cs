namespace Nuage.Metadata.Postgres;

/// <summary>
/// The statements that skip common prefixes on the server (<see cref="PostgresPrefixSkipper{TRow}"/>), one for each
/// listing: a delimiter listing's walk from one seek to the next, as many seeks as one round trip can take, instead of
/// a round trip per seek.
/// <para>
/// All three have the same parameters and the same shape. The first step is the first key at or after $2 and below $3;
/// while that key rolls up into a common prefix (the delimiter $6 occurs after the prefix's $5 bytes), the next step is
/// the first key after every key under that common prefix, and so on, at most $4 keys. The walk stops at the first key
/// that does not roll up: the keys after it are read by plain range scans, which cost a microsecond a row where a step
/// of this walk costs an index descent.
/// </para>
/// <para>
/// "After every key under the common prefix p" is `key &gt; p || $7` with $7 = 0xFF: a stored key is valid UTF-8,
/// which never holds the byte 0xFF, so every key starting with p sorts below p || 0xFF and every other key above p
/// sorts above it. $3 is the prefix's byte successor, or 0xFF (above every key) when the listing has no prefix.
/// </para>
/// <para>
/// Columns: the listing's row (the columns its row reader in <see cref="PostgresObjectRows"/> reads), then the common
/// prefix as the last column (NULL for a key that does not roll up), in walk order. Relies on WITH RECURSIVE with a
/// LATERAL subquery in the recursive term, which PostgreSQL, YugabyteDB (PostgreSQL's executor) and CockroachDB (since
/// 20.1) accept; the step count ($4) bounds the recursion itself, so no engine needs to stop it early because of an
/// outer LIMIT.
/// </para>
/// </summary>
internal static class PostgresListingSql
{
    // The common prefix of the step's key: its bytes up to the end of the first delimiter after the prefix.
    private const string Common = "CASE WHEN s.at > 0 THEN substring(s.key FROM 1 FOR $5 + s.at + length($6) - 1) END";

    // Where the delimiter occurs in the step's key after the prefix (1-based in the rest; 0: nowhere).
    private static string At(string alias) => "position($6 IN substring(" + alias + ".key FROM $5 + 1)) AS at";

    /// <summary>
    /// Current objects (delete markers left out, as in <see cref="PostgresObjectSql.SeekObjects"/>): each step is one
    /// LIMIT 1 range scan of current_objects' primary key (bucket, key), joined to the version for the delete-marker
    /// filter. Columns: <see cref="PostgresObjectRows.ListEntry"/>'s 0..8, then the common prefix (9).
    /// </summary>
    public static readonly string SkipObjectPrefixes =
        "WITH RECURSIVE walk (n, key, seq, common) AS (" +
        "SELECT 1, s.key, s.seq, " + Common + " FROM (" +
        "SELECT c.key, c.seq, " + At("c") +
        " FROM current_objects c JOIN objects o ON o.seq = c.seq " +
        "WHERE c.bucket = $1 AND c.key >= $2 AND c.key < $3 AND NOT o.is_delete_marker ORDER BY c.key LIMIT 1) s " +
        "UNION ALL " +
        "SELECT w.n + 1, s.key, s.seq, " + Common + " FROM walk w CROSS JOIN LATERAL (" +
        "SELECT c.key, c.seq, " + At("c") +
        " FROM current_objects c JOIN objects o ON o.seq = c.seq " +
        "WHERE c.bucket = $1 AND c.key > w.common || $7 AND c.key < $3 AND NOT o.is_delete_marker ORDER BY c.key LIMIT 1) s " +
        "WHERE w.common IS NOT NULL AND w.n < $4) " +
        "SELECT w.key, o.version_id, o.size, o.etag, o.last_modified, o.owner, o.checksum_algorithm, o.checksum_value, " +
        "o.checksum_composite, w.common FROM walk w JOIN objects o ON o.seq = w.seq ORDER BY w.n";

    /// <summary>
    /// Every version (delete markers included, as in <see cref="PostgresObjectSql.SeekVersions"/>): each step finds the
    /// next key with one LIMIT 1 range scan of objects_versions (bucket, key, seq) in key order; each key found is then
    /// read as its newest version, the row a version seek starts with (a backward scan of objects_versions on that key).
    /// The cursor reads the key's older versions after it (<see cref="VersionSeeks.ReadRestOfKey"/>) when the key does
    /// not roll up. Columns: <see cref="PostgresObjectRows.VersionEntry"/>'s 0..11, then the common prefix (12).
    /// </summary>
    public static readonly string SkipVersionPrefixes =
        "WITH RECURSIVE walk (n, key, common) AS (" +
        "SELECT 1, s.key, " + Common + " FROM (" +
        "SELECT o.key, " + At("o") +
        " FROM objects o WHERE o.bucket = $1 AND o.key >= $2 AND o.key < $3 ORDER BY o.key LIMIT 1) s " +
        "UNION ALL " +
        "SELECT w.n + 1, s.key, " + Common + " FROM walk w CROSS JOIN LATERAL (" +
        "SELECT o.key, " + At("o") +
        " FROM objects o WHERE o.bucket = $1 AND o.key > w.common || $7 AND o.key < $3 ORDER BY o.key LIMIT 1) s " +
        "WHERE w.common IS NOT NULL AND w.n < $4) " +
        "SELECT v.key, v.version_id, c.seq IS NOT NULL, v.is_delete_marker, v.size, v.etag, v.last_modified, v.owner, " +
        "v.checksum_algorithm, v.checksum_value, v.checksum_composite, v.seq, w.common FROM walk w " +
        "CROSS JOIN LATERAL (SELECT o.key, o.version_id, o.is_delete_marker, o.size, o.etag, o.last_modified, o.owner, " +
        "o.checksum_algorithm, o.checksum_value, o.checksum_composite, o.seq FROM objects o " +
        "WHERE o.bucket = $1 AND o.key = w.key ORDER BY o.seq DESC LIMIT 1) v " +
        "LEFT JOIN current_objects c ON c.bucket = $1 AND c.key = v.key AND c.seq = v.seq ORDER BY w.n";

    /// <summary>
    /// Unfinished uploads (as in <see cref="PostgresObjectSql.SeekUploads"/>): each step is one LIMIT 1 range scan of
    /// uploads_by_key (bucket, key, upload_id), which gives the key's first upload by id, the row an upload seek starts
    /// with. Columns: <see cref="PostgresObjectRows.Upload"/>'s 0..16, then the common prefix (17).
    /// </summary>
    public static readonly string SkipUploadPrefixes =
        "WITH RECURSIVE walk (n, key, upload_id, common) AS (" +
        "SELECT 1, s.key, s.upload_id, " + Common + " FROM (" +
        "SELECT u.key, u.upload_id, " + At("u") +
        " FROM uploads u WHERE u.bucket = $1 AND u.key >= $2 AND u.key < $3 ORDER BY u.key, u.upload_id LIMIT 1) s " +
        "UNION ALL " +
        "SELECT w.n + 1, s.key, s.upload_id, " + Common + " FROM walk w CROSS JOIN LATERAL (" +
        "SELECT u.key, u.upload_id, " + At("u") +
        " FROM uploads u WHERE u.bucket = $1 AND u.key > w.common || $7 AND u.key < $3 ORDER BY u.key, u.upload_id LIMIT 1) s " +
        "WHERE w.common IS NOT NULL AND w.n < $4) " +
        "SELECT " + string.Join(", ", PostgresObjectSql.UploadColumns.Split(", ").Select(c => "u." + c)) +
        ", w.common FROM walk w JOIN uploads u ON u.upload_id = w.upload_id ORDER BY w.n";
}
