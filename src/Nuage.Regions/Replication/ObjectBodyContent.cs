using System.Net;
using Nuage.Storage.Objects;

namespace Nuage.Regions.Replication;

/// <summary>
/// A version's bytes as an HTTP request body: copied from the blob into the connection as it is sent, with its
/// length known up front (Content-Length), so a push of any size holds only pooled buffers (DESIGN.md invariant 5).
/// </summary>
internal sealed class ObjectBodyContent(ObjectContent content, long length) : HttpContent
{
    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        SerializeToStreamAsync(stream, context, CancellationToken.None);

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        length == 0 ? Task.CompletedTask : content.CopyToAsync(stream, 0, length, cancellationToken);

    protected override bool TryComputeLength(out long length1)
    {
        length1 = length;
        return true;
    }
}
