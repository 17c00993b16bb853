namespace Nuage.Storage.Internal;

using Nuage.Blobs;

/// <summary>
/// A body read to its end and verified: either small enough to live inline (<see cref="Inline"/>) or streamed into
/// a blob not yet committed (<see cref="Blob"/>). Disposing deletes an uncommitted blob's temporary file.
/// </summary>
internal sealed class IngestedBody(long length, byte[] md5, byte[]? checksum, byte[]? inline, BlobWriter? blob) : IAsyncDisposable
{
    public long Length { get; } = length;

    public byte[] Md5 { get; } = md5;

    /// <summary>Digest of the requested additional checksum, null when none was asked for.</summary>
    public byte[]? Checksum { get; } = checksum;

    public byte[]? Inline { get; } = inline;

    public BlobWriter? Blob { get; } = blob;

    public string ETag => Convert.ToHexStringLower(Md5);

    public ValueTask DisposeAsync() => Blob?.DisposeAsync() ?? ValueTask.CompletedTask;
}
