using Nuage.Admin.Http;

namespace Nuage.Admin.Routing;

/// <summary>
/// One endpoint of the admin API: method and path template under /api/ ("accounts/{account}/users/{user}"), the
/// action the authorizer is asked about (its name, "CreateUser"; policies say "admin:CreateUser"), the resource it acts on, and the handler.
/// </summary>
public sealed record AdminRoute(
    string Method,
    string Template,
    string Action,
    Func<AdminScope, AdminResource> Resource,
    Func<AdminCall, Task<AdminResult>> Handle)
{
    public string[] Segments { get; } = Template.Split('/');

    /// <summary>The IAM action policies name: "admin:" + <see cref="Action"/>.</summary>
    public string IamAction { get; } = AdminRoutes.ActionPrefix + Action;
}
