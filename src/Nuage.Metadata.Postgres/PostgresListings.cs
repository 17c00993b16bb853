namespace Nuage.Metadata.Postgres;

using Npgsql;
using Nuage.Metadata.Core;

/// <summary>
/// The three listings (objects, versions, uploads) on one connection inside one snapshot: the SQLite engine's
/// ReadConnection listings with <see cref="PostgresKeyCursor{TRow}"/> as the seek. Synchronous because the shared
/// <see cref="PrefixWalker"/> is (see the cursor's remarks). Without a delimiter a page is one query (the seek read
/// whole); with a delimiter each listing skips its common prefixes on the server (<see cref="PostgresPrefixSkipper{TRow}"/>).
/// </summary>
internal static class PostgresListings
{
    public static ObjectListing ListObjects(NpgsqlConnection connection, ObjectListQuery query, CancellationToken cancellationToken)
    {
        var objects = new List<ObjectListEntry>();
        var prefixes = new List<string>();
        var result = PrefixWalker.Walk(
            query.Prefix, query.Delimiter, query.StartAfter, Math.Max(0, query.MaxKeys),
            Seeks(connection, ObjectSeeks.Instance, query.Bucket, query.Prefix, query.Delimiter, cancellationToken),
            (cursor, _) => objects.Add(cursor.Current),
            prefixes);
        return new ObjectListing(objects, prefixes, result.IsTruncated, result.LastEntry);
    }

    public static ObjectVersionListing ListObjectVersions(NpgsqlConnection connection, ObjectVersionListQuery query, CancellationToken cancellationToken)
    {
        var versions = new List<ObjectVersionEntry>();
        var prefixes = new List<string>();
        int budget = Math.Max(0, query.MaxKeys);

        // With both markers, the versions of KeyMarker older than VersionIdMarker come first (AWS
        // ListObjectVersions: "version-id-marker: Specifies the object version you want to start listing from").
        // A marker version that no longer exists resumes after the whole key.
        if (query.KeyMarker is not null && query.VersionIdMarker is not null
            && PrefixWalker.IsListedKey(query.Prefix, query.Delimiter, query.KeyMarker)
            && Scalar(connection, PostgresObjectSql.SelectVersionSeq, query.Bucket, Utf8Keys.Encode(query.KeyMarker), query.VersionIdMarker) is long markerSeq)
        {
            using var command = PostgresCommands.Create(
                connection, PostgresObjectSql.SeekVersionsOfKeyBefore, [query.Bucket, Utf8Keys.Encode(query.KeyMarker), markerSeq, budget + 1]);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (versions.Count == budget)
                {
                    // max-keys 0 lists nothing and names no marker.
                    var lastVersion = versions.Count > 0 ? versions[^1] : null;
                    return new ObjectVersionListing(versions, prefixes, true, lastVersion?.Key, lastVersion?.VersionId);
                }

                versions.Add(PostgresObjectRows.VersionEntry(reader).Entry);
            }
        }

        var result = PrefixWalker.Walk(
            query.Prefix, query.Delimiter, query.KeyMarker, budget - versions.Count,
            Seeks(connection, VersionSeeks.Instance, query.Bucket, query.Prefix, query.Delimiter, cancellationToken),
            (cursor, _) => versions.Add(cursor.Current.Entry),
            prefixes);
        if (!result.IsTruncated)
        {
            return new ObjectVersionListing(versions, prefixes, false, null, null);
        }

        return result.LastIsPrefix || versions.Count == 0
            ? new ObjectVersionListing(versions, prefixes, true, result.LastEntry, null)
            : new ObjectVersionListing(versions, prefixes, true, versions[^1].Key, versions[^1].VersionId);
    }

    public static UploadListing ListUploads(NpgsqlConnection connection, UploadListQuery query, CancellationToken cancellationToken)
    {
        var uploads = new List<UploadRow>();
        var prefixes = new List<string>();
        int budget = Math.Max(0, query.MaxUploads);

        // AWS: with both markers, the remaining uploads of KeyMarker (ids after UploadIdMarker) come first.
        if (query.KeyMarker is not null && query.UploadIdMarker is not null
            && PrefixWalker.IsListedKey(query.Prefix, query.Delimiter, query.KeyMarker))
        {
            using var command = PostgresCommands.Create(
                connection, PostgresObjectSql.SeekUploadsOfKeyAfterId, [query.Bucket, Utf8Keys.Encode(query.KeyMarker), query.UploadIdMarker, budget + 1]);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                if (uploads.Count == budget)
                {
                    // max-uploads 0 lists nothing and names no marker.
                    var lastRow = uploads.Count > 0 ? uploads[^1] : null;
                    return new UploadListing(uploads, prefixes, true, lastRow?.Key, lastRow?.UploadId);
                }

                uploads.Add(PostgresObjectRows.Upload(reader));
            }
        }

        var result = PrefixWalker.Walk(
            query.Prefix, query.Delimiter, query.KeyMarker, budget - uploads.Count,
            Seeks(connection, UploadSeeks.Instance, query.Bucket, query.Prefix, query.Delimiter, cancellationToken),
            (cursor, _) => uploads.Add(cursor.Current),
            prefixes);
        if (!result.IsTruncated)
        {
            return new UploadListing(uploads, prefixes, false, null, null);
        }

        return result.LastIsPrefix || uploads.Count == 0
            ? new UploadListing(uploads, prefixes, true, result.LastEntry, null)
            : new UploadListing(uploads, prefixes, true, uploads[^1].Key, uploads[^1].UploadId);
    }

    // Without a delimiter the walk reads its one seek to the end (or to the budget): a page is one query. With one, the
    // seeks at the common prefixes' successors are answered by the server's skip (a round trip for many of them), and
    // a seek's cursor starts small because the walk drops it at the first key that rolls up.
    private static Func<KeySeek, PostgresKeyCursor<TRow>> Seeks<TRow>(
        NpgsqlConnection connection, ListingSeeks<TRow> seeks, string bucket, string prefix, string? delimiter, CancellationToken cancellationToken) =>
        string.IsNullOrEmpty(delimiter)
            ? seek => new PostgresKeyCursor<TRow>(connection, seeks, bucket, seek, cancellationToken, PostgresKeyCursor<TRow>.WholeSeek)
            : new PostgresPrefixSkipper<TRow>(connection, seeks, bucket, prefix, delimiter, cancellationToken).Open;

    private static object? Scalar(NpgsqlConnection connection, string sql, params object?[] arguments)
    {
        using var command = PostgresCommands.Create(connection, sql, arguments);
        object? value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }
}
