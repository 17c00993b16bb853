namespace Nuage.Storage.Multipart;

/// <summary>An inclusive byte range [First, Last] of a source object, as in x-amz-copy-source-range: bytes=First-Last.</summary>
public sealed record ByteRange(long First, long Last)
{
    public long Length => Last - First + 1;
}
