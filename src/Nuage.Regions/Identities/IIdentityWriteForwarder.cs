using Microsoft.AspNetCore.Http;
using Nuage.Iam;
using Nuage.Iam.Federation;

namespace Nuage.Regions.Identities;

/// <summary>
/// In a member region of a federation, sends a request that changes accounts or identities to the control region,
/// which owns them (docs/regions.md, "Identities"), and answers the client with the control region's answer once this
/// region's copy holds the change (read-your-writes). Registered only in member regions: its absence means this
/// region decides identity changes itself. It lives here, beside its implementation, and not in Nuage.Iam: it speaks
/// ASP.NET Core's HttpContext, which services do not reference (docs/architecture.md).
/// </summary>
public interface IIdentityWriteForwarder
{
    /// <summary>
    /// Sends <paramref name="http"/>'s request, as signed by its client and with <paramref name="body"/> (already read
    /// here), to the control region's <paramref name="port"/>, and writes its answer to <paramref name="http"/>'s
    /// response. Throws <see cref="IamException"/> (ServiceUnavailable) before writing anything when the control region
    /// cannot be reached.
    /// </summary>
    Task ForwardAsync(HttpContext http, ReadOnlyMemory<byte> body, ControlRegionPort port);
}
