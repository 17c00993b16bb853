namespace Nuage.Iam;

/// <summary>Who a verified request acts as: an account and the access key it signed with.</summary>
public sealed record Principal(string AccountId, string AccessKeyId, string DisplayName);
