namespace Nuage.Metadata;

/// <summary>
/// An object's bytes as the concatenation of blobs, in order. A single PUT has one segment; a completed multipart
/// upload points at its parts' blobs, so completion copies no bytes. Every blob belongs to exactly one row, which
/// is what lets the store move it to the garbage table when that row is superseded or deleted.
/// </summary>
public sealed record BlobManifest(IReadOnlyList<BlobSegment> Segments) : DataLocation
{
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
