using System.Net.Sockets;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Acls;

/// <summary>
/// Whether a bucket policy is "public" for Block Public Access (BlockPublicPolicy refuses it, RestrictPublicBuckets
/// limits it, GetBucketPolicyStatus reports it). "The meaning of public": a policy is public when it grants
/// access to a wildcard principal, unless the grant is pinned to fixed values: aws:SourceIp limited to CIDR
/// blocks, or a fixed aws:SourceArn, aws:SourceVpc, aws:SourceVpce, aws:SourceOwner, aws:SourceAccount,
/// s3:x-amz-server-side-encryption-aws-kms-key-id, or aws:userid outside the pattern "AROLEID:*". Nuage adds the
/// principal keys aws:PrincipalAccount, aws:PrincipalArn, aws:PrincipalOrgID and aws:SourceOrgID, which pin a
/// grant to named identities just as firmly. The rule, with examples, is in docs/s3-acls.md.
/// </summary>
public static class BucketPolicyPublicity
{
    // Keys whose fixed value names a specific identity or network origin.
    private static readonly HashSet<string> PinningKeys = new(StringComparer.OrdinalIgnoreCase)
    {
        "aws:SourceArn", "aws:SourceVpc", "aws:SourceVpce", "aws:SourceOwner", "aws:SourceAccount",
        "aws:SourceOrgID", "aws:PrincipalAccount", "aws:PrincipalArn", "aws:PrincipalOrgID", "aws:userid",
        "s3:x-amz-server-side-encryption-aws-kms-key-id",
    };

    /// <summary>
    /// Address blocks wider than these count as "everyone" (AWS evaluates very broad aws:SourceIp ranges such as
    /// 0.0.0.0/1 as public); /8 is the widest IPv4 block that is still a single organisation's (10.0.0.0/8).
    /// </summary>
    public const int MinIPv4Prefix = 8;

    public const int MinIPv6Prefix = 32;

    public static bool IsPublic(PolicyDocument policy)
    {
        ArgumentNullException.ThrowIfNull(policy);
        return policy.Statements.Any(IsPublicStatement);
    }

    /// <summary>An Allow for everyone ("*", {"AWS":"*"}, or any NotPrincipal) that no condition pins down.</summary>
    public static bool IsPublicStatement(PolicyStatement statement)
    {
        ArgumentNullException.ThrowIfNull(statement);
        var everyone = statement.Principal?.IsEveryone == true || statement.NotPrincipal is not null;
        return statement.Effect == PolicyEffect.Allow && everyone && !statement.Conditions.Any(PinsToFixedValues);
    }

    /// <summary>
    /// Conditions of a statement are ANDed, so one pinning condition is enough. A condition pins only when it
    /// must match one of its listed values: negated operators, ...IfExists and ForAllValues are true for requests
    /// without the key, and wildcards or policy variables in a value match more than a fixed value.
    /// </summary>
    private static bool PinsToFixedValues(PolicyCondition condition)
    {
        var op = condition.Parsed;
        if (op.Negated || op.IfExists || op.Set == ConditionOperator.SetQualifiers.ForAllValues || condition.Values.Count == 0)
        {
            return false;
        }

        if (string.Equals(condition.Key, "aws:SourceIp", StringComparison.OrdinalIgnoreCase))
        {
            return op.Family == ConditionOperator.Families.IpAddress && condition.Values.All(IsNarrowBlock);
        }

        return PinningKeys.Contains(condition.Key)
            && op.Family is ConditionOperator.Families.String or ConditionOperator.Families.Arn
            && condition.Values.All(IsFixedValue);
    }

    private static bool IsFixedValue(string value) =>
        value.Length > 0 && value.IndexOfAny(['*', '?']) < 0 && !value.Contains("${", StringComparison.Ordinal);

    private static bool IsNarrowBlock(string cidr) =>
        ConditionValues.TryCidr(cidr, out var network, out var prefix)
        && prefix >= (network.AddressFamily == AddressFamily.InterNetwork ? MinIPv4Prefix : MinIPv6Prefix);
}
