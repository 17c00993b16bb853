namespace Nuage.Metadata;

/// <summary>
/// An object's bytes as the concatenation of blobs, in order. A single PUT has one segment; a completed multipart
/// upload points at its parts' blobs, so completion copies no bytes. Every blob belongs to exactly one row, which
/// is what lets the store move it to the garbage table when that row is superseded or deleted.
/// A completed upload's manifest has exactly one segment per part, in part order (a part is one blob), and that is
/// where part boundaries for GET ?partNumber=N come from: a layout that splits a part over several segments must
/// record the boundaries itself.
/// </summary>
public sealed record BlobManifest(IReadOnlyList<BlobSegment> Segments) : DataLocation
{
    /// <summary>
    /// The base64 checksums of a completed upload's parts, one per segment and all of the upload's algorithm; null
    /// when the upload declared none. AWS answers them after completion, in GetObjectAttributes' ObjectParts
    /// (API reference "ObjectPart": "present if the multipart upload request was created with the ... checksum
    /// algorithm") and for GetObject/HeadObject ?partNumber=N, so they are kept beside the segments they describe.
    /// </summary>
    public IReadOnlyList<string>? PartChecksums { get; init; }

    public long TotalLength
    {
        get
        {
            long total = 0;
            for (int i = 0; i < Segments.Count; i++)
            {
                total += Segments[i].Length;
            }

            return total;
        }
    }
}
