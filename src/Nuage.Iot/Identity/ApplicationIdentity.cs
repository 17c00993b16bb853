using Nuage.Iam;

namespace Nuage.Iot.Identity;

/// <summary>
/// An application: an account root or IAM user that connected with an access key id as MQTT user name and its
/// secret as password (docs/iot.md "Connecting"). Its rights come from the IAM policy engine, as on the S3 port.
/// </summary>
public sealed record ApplicationIdentity(Principal Principal) : IotIdentity(Principal.AccountId)
{
    public string AccessKeyId => Principal.AccessKeyId;

    public override string Describe() => Principal.Arn;
}
