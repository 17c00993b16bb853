using Microsoft.AspNetCore.Http;

namespace Nuage.IotData;

/// <summary>
/// Which operation a request names ("Device Shadow REST API"): GET, POST or DELETE on
/// <c>/things/THING/shadow[?name=SHADOW]</c>, and GET <c>/api/things/shadow/ListNamedShadowsForThing/THING</c>.
/// </summary>
internal sealed record IotDataRoute(IotDataOperation Operation, string ThingName, string ShadowName)
{
    private const string ListPrefix = "/api/things/shadow/ListNamedShadowsForThing/";

    /// <summary>The route, or null with the HTTP status to refuse it with (404 unknown path, 405 wrong method).</summary>
    public static IotDataRoute? Match(HttpRequest request, out int refusal)
    {
        refusal = 0;
        var path = request.Path.Value ?? string.Empty;
        if (path.StartsWith(ListPrefix, StringComparison.Ordinal))
        {
            var thing = path[ListPrefix.Length..];
            if (thing.Length == 0 || thing.Contains('/', StringComparison.Ordinal))
            {
                refusal = StatusCodes.Status404NotFound;
                return null;
            }

            if (!HttpMethods.IsGet(request.Method))
            {
                refusal = StatusCodes.Status405MethodNotAllowed;
                return null;
            }

            return new IotDataRoute(IotDataOperation.ListNamedShadowsForThing, thing, string.Empty);
        }

        var segments = path.Split('/');
        // "", "things", THING, "shadow"
        if (segments.Length != 4 || segments[0].Length != 0 || segments[1] != "things" || segments[2].Length == 0 || segments[3] != "shadow")
        {
            refusal = StatusCodes.Status404NotFound;
            return null;
        }

        IotDataOperation? operation =
            HttpMethods.IsGet(request.Method) ? IotDataOperation.GetThingShadow
            : HttpMethods.IsPost(request.Method) ? IotDataOperation.UpdateThingShadow
            : HttpMethods.IsDelete(request.Method) ? IotDataOperation.DeleteThingShadow
            : null;
        if (operation is null)
        {
            refusal = StatusCodes.Status405MethodNotAllowed;
            return null;
        }

        return new IotDataRoute(operation.Value, segments[2], request.Query["name"].ToString());
    }
}
