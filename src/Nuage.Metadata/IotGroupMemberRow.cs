namespace Nuage.Metadata;

/// <summary>One thing's membership of one thing group.</summary>
public sealed record IotGroupMemberRow(string AccountId, string GroupName, string ThingName);
