namespace Nuage.Iam.Identities;

/// <summary>One tag of an IAM user or role ("Tag" in the IAM API reference): a key and a value, possibly empty.</summary>
public sealed record IamTag(string Key, string Value);
