using Nuage.Admin.Errors;

namespace Nuage.Admin.Routing;

/// <summary>
/// Turns method + path (below /api/) into a route and its values: a pure function over the route table, so a
/// table-driven test covers it. A path that no template matches is 404 NoSuchRoute; one that matches only with
/// another method is 405.
/// </summary>
public sealed class AdminRouter(IReadOnlyList<AdminRoute> routes)
{
    public IReadOnlyList<AdminRoute> Routes { get; } = routes;

    public AdminRouteMatch Match(string method, string path)
    {
        var segments = path.Trim('/').Split('/');
        var pathMatched = false;
        foreach (var route in Routes)
        {
            if (TryMatch(route.Segments, segments) is not { } values)
            {
                continue;
            }

            if (string.Equals(route.Method, method, StringComparison.OrdinalIgnoreCase))
            {
                return new AdminRouteMatch(route, values);
            }

            pathMatched = true;
        }

        throw pathMatched
            ? new AdminException(AdminError.MethodNotAllowed, $"{method} is not allowed on /api/{path.Trim('/')}.")
            : new AdminException(AdminError.NoSuchRoute, $"There is no admin API endpoint at /api/{path.Trim('/')} (see docs/admin-api.md).");
    }

    private static Dictionary<string, string>? TryMatch(string[] template, string[] segments)
    {
        if (template.Length != segments.Length)
        {
            return null;
        }

        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 0; i < template.Length; i++)
        {
            var part = template[i];
            if (part.Length > 2 && part[0] == '{' && part[^1] == '}')
            {
                if (segments[i].Length == 0)
                {
                    return null;
                }

                values[part[1..^1]] = segments[i];
            }
            else if (!string.Equals(part, segments[i], StringComparison.Ordinal))
            {
                return null;
            }
        }

        return values;
    }
}
