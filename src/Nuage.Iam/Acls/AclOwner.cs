namespace Nuage.Iam.Acls;

/// <summary>The owner of a bucket or object as an ACL names it: the account id (its canonical id) and display name.</summary>
public sealed record AclOwner(string Id, string DisplayName);
