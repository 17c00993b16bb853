using System.Buffers.Binary;
using System.Net;
using Nuage.Storage.Objects;

namespace Nuage.Regions.Replication;

/// <summary>
/// The body of a push with encryption terms (<see cref="ReplicaHeaders.SealedRoute"/>): the terms' length (4 bytes,
/// big-endian), the terms as JSON, then the version's bytes, copied from the blobs as they are sent. Its length is
/// known up front (Content-Length), and only the terms are held in memory.
/// </summary>
internal sealed class SealedBodyContent(byte[] terms, ObjectContent? content, long length) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
    {
        byte[] prefix = new byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(prefix, (uint)terms.Length);
        await stream.WriteAsync(prefix, cancellationToken).ConfigureAwait(false);
        await stream.WriteAsync(terms, cancellationToken).ConfigureAwait(false);
        if (content is not null && length > 0)
        {
            await content.CopyToAsync(stream, 0, length, cancellationToken).ConfigureAwait(false);
        }
    }

    protected override bool TryComputeLength(out long length1)
    {
        length1 = 4 + terms.Length + length;
        return true;
    }
}
