namespace Nuage.Metadata;

/// <summary>An IoT policy attached to a thing or a thing group of the same account.</summary>
public sealed record IotPolicyAttachmentRow(string AccountId, string PolicyName, IotPolicyTarget TargetKind, string TargetName);
