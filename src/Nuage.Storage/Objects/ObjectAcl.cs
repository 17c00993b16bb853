namespace Nuage.Storage.Objects;

/// <summary>An object's owner and stored ACL (null: the default ACL, its owner has FULL_CONTROL).</summary>
public sealed record ObjectAcl(string Owner, string? Acl);
