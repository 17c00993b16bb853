namespace Nuage.Admin.Routing;

/// <summary>What a route acts on, as the authorizer sees it: the resource ARN and the account that owns it.</summary>
public sealed record AdminResource(string Arn, string OwnerAccountId);
