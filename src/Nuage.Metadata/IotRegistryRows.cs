namespace Nuage.Metadata;

/// <summary>The whole IoT registry of every account, as read at once by the registry service.</summary>
public sealed record IotRegistryRows(
    IReadOnlyList<IotThingRow> Things,
    IReadOnlyList<IotThingGroupRow> Groups,
    IReadOnlyList<IotGroupMemberRow> Members,
    IReadOnlyList<IotCredentialRow> Credentials,
    IReadOnlyList<IotPolicyRow> Policies,
    IReadOnlyList<IotPolicyAttachmentRow> Attachments);
