namespace Nuage.Storage.Internal;

using System.Collections;
using Nuage.Metadata;

/// <summary>
/// The part sizes of a completed multipart object, read straight from its manifest's segments (one segment per
/// part, see <see cref="BlobManifest"/>). A view rather than a copy: a HEAD of a 10,000-part object allocates one
/// small object, not an 80 KB array (DESIGN.md "Performance design").
/// </summary>
internal sealed class ManifestPartSizes(IReadOnlyList<BlobSegment> segments) : IReadOnlyList<long>
{
    public int Count => segments.Count;

    public long this[int index] => segments[index].Length;

    /// <summary>
    /// The sizes when <paramref name="row"/> is a completed multipart object whose manifest has one segment per
    /// part; null otherwise (single PUTs, copies, inline objects), so a caller never gets boundaries it cannot trust.
    /// </summary>
    public static IReadOnlyList<long>? Of(ObjectRow row) =>
        row is { PartsCount: { } count, Data: BlobManifest manifest } && manifest.Segments.Count == count
            ? new ManifestPartSizes(manifest.Segments)
            : null;

    /// <summary>The parts' checksums, under the same condition as <see cref="Of"/>: only where the boundaries are trusted.</summary>
    public static IReadOnlyList<string>? ChecksumsOf(ObjectRow row) =>
        Of(row) is not null && row.Data is BlobManifest { PartChecksums: { } checksums } manifest && checksums.Count == manifest.Segments.Count
            ? checksums
            : null;

    public IEnumerator<long> GetEnumerator()
    {
        for (int i = 0; i < segments.Count; i++)
        {
            yield return segments[i].Length;
        }
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
