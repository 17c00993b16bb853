namespace Nuage.Admin.Routing;

/// <summary>A route chosen for a request, with the values of its {placeholders}.</summary>
public sealed record AdminRouteMatch(AdminRoute Route, IReadOnlyDictionary<string, string> Values);
