namespace Nuage.Metadata.Postgres;

/// <summary>
/// The statement that skips common prefixes on the server (<see cref="PostgresPrefixSkipper"/>): a delimiter listing's
/// walk from one seek to the next, as many seeks as one round trip can take, instead of a round trip per seek.
/// </summary>
internal static class PostgresListingSql
{
    /// <summary>
    /// Current objects (delete markers left out, as in <see cref="PostgresObjectSql.SeekObjects"/>): the first key at
    /// or after $2 and below $3; while that key rolls up into a common prefix (the delimiter $6 occurs after the
    /// prefix's $5 bytes), the first key after every key under that common prefix, and so on, at most $4 keys. The
    /// walk stops at the first key that does not roll up: the keys after it are read by plain range scans, which cost
    /// a microsecond a row where a step of this walk costs an index descent.
    /// <para>
    /// "After every key under the common prefix p" is `key &gt; p || $7` with $7 = 0xFF: a stored key is valid UTF-8,
    /// which never holds the byte 0xFF, so every key starting with p sorts below p || 0xFF and every other key above p
    /// sorts above it. Each step is one LIMIT 1 range scan of current_objects' primary key (bucket, key), joined to
    /// the version for the delete-marker filter; $3 is the prefix's byte successor, or 0xFF (above every key) when
    /// the listing has no prefix.
    /// </para>
    /// <para>
    /// Columns: <see cref="PostgresObjectRows.ListEntry"/>'s 0..8, then the common prefix (9, NULL for a key that
    /// does not roll up), in walk order. Relies on WITH RECURSIVE with a LATERAL subquery in the recursive term, which
    /// PostgreSQL, YugabyteDB (PostgreSQL's executor) and CockroachDB (since 20.1) accept; the step count ($4) bounds
    /// the recursion itself, so no engine needs to stop it early because of an outer LIMIT.
    /// </para>
    /// </summary>
    public const string SkipObjectPrefixes =
        "WITH RECURSIVE walk (n, key, seq, common) AS (" +
        "SELECT 1, f.key, f.seq, CASE WHEN f.at > 0 THEN substring(f.key FROM 1 FOR $5 + f.at + length($6) - 1) END FROM (" +
        "SELECT c.key, c.seq, position($6 IN substring(c.key FROM $5 + 1)) AS at FROM current_objects c JOIN objects o ON o.seq = c.seq " +
        "WHERE c.bucket = $1 AND c.key >= $2 AND c.key < $3 AND NOT o.is_delete_marker ORDER BY c.key LIMIT 1) f " +
        "UNION ALL " +
        "SELECT w.n + 1, s.key, s.seq, CASE WHEN s.at > 0 THEN substring(s.key FROM 1 FOR $5 + s.at + length($6) - 1) END " +
        "FROM walk w CROSS JOIN LATERAL (" +
        "SELECT c.key, c.seq, position($6 IN substring(c.key FROM $5 + 1)) AS at FROM current_objects c JOIN objects o ON o.seq = c.seq " +
        "WHERE c.bucket = $1 AND c.key > w.common || $7 AND c.key < $3 AND NOT o.is_delete_marker ORDER BY c.key LIMIT 1) s " +
        "WHERE w.common IS NOT NULL AND w.n < $4) " +
        "SELECT w.key, o.version_id, o.size, o.etag, o.last_modified, o.owner, o.checksum_algorithm, o.checksum_value, " +
        "o.checksum_composite, w.common FROM walk w JOIN objects o ON o.seq = w.seq ORDER BY w.n";
}
