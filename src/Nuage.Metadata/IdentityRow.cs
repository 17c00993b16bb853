namespace Nuage.Metadata;

/// <summary>
/// One IAM entity of an account. Names are unique per (account, kind); <paramref name="Id"/> (AIDA..., AGPA...,
/// AROA..., ANPA...) is unique everywhere. <paramref name="Body"/> is the IAM service's JSON (path, policies,
/// memberships, ...), opaque to the store.
/// </summary>
public sealed record IdentityRow(string AccountId, IdentityKind Kind, string Name, string Id, DateTimeOffset CreatedAt, string Body);
