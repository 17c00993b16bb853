using System.IO.Enumeration;
using Nuage.Iam.Acls;
using Nuage.Iam.Policies;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.Storage.Buckets;

namespace Nuage.S3.AccessLogging;

/// <summary>
/// What Nuage requires of a logging target bucket, checked by PutBucketLogging and again before each delivery
/// (a target may be deleted or change hands in between). AWS's rules ("Enabling Amazon S3 server access logging",
/// "Permissions for log delivery"): the target exists, is in the source's region, has no Object Lock default
/// retention, and lets the logging service write: Nuage accepts a target owned by the source bucket's account, or
/// one whose bucket policy allows the service principal logging.s3.amazonaws.com s3:PutObject (a statement whose
/// only conditions are aws:SourceAccount and aws:SourceArn, compared with the source), or, with ACLs enabled, one
/// whose ACL grants the Log Delivery group WRITE (the legacy way). TargetGrants need the target's ACLs enabled.
/// </summary>
public static class AccessLogTargetRules
{
    public const string LoggingServicePrincipal = "logging.s3.amazonaws.com";

    /// <summary>The refusal for this pair of buckets, or null when logs from <paramref name="source"/> may go to the target.</summary>
    public static S3Exception? Check(BucketInfo source, BucketInfo? target, BucketView? targetView, AccessLogConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(configuration);
        if (target is null || targetView is null)
        {
            return new S3Exception(S3Error.InvalidTargetBucketForLogging, "The target bucket for logging does not exist");
        }

        if (!string.Equals(source.Region, target.Region, StringComparison.Ordinal))
        {
            return new S3Exception(S3Error.CrossLocationLoggingProhibited);
        }

        if (targetView.ObjectLock?.Mode is not null)
        {
            // "The destination bucket must not have a default retention period configuration."
            return new S3Exception(S3Error.InvalidTargetBucketForLogging, "The target bucket for logging must not have a default retention period configured");
        }

        if (configuration.TargetGrants.Count > 0 && !targetView.AclsEnabled)
        {
            // "Buckets that use the bucket owner enforced setting for Object Ownership don't support target grants."
            return new S3Exception(S3Error.AccessControlListNotSupported, "The target bucket for logging does not allow ACLs, so TargetGrants cannot be used");
        }

        if (target.Owner == source.Owner || PolicyAllowsDelivery(targetView.Policy, source) || (targetView.AclsEnabled && AclAllowsDelivery(targetView.Acl)))
        {
            return null;
        }

        return new S3Exception(
            S3Error.InvalidTargetBucketForLogging,
            "You must either provide the necessary permissions to the logging service using a bucket policy or give the log-delivery group WRITE and READ_ACP permissions to the target bucket");
    }

    private static bool AclAllowsDelivery(AccessControlList acl) =>
        acl.Grants.Any(g => g.Grantee.SameGranteeAs(AclGrantee.LogDelivery) && g.Permission is AclPermission.Write or AclPermission.FullControl);

    private static bool PolicyAllowsDelivery(PolicyDocument? policy, BucketInfo source)
    {
        if (policy is null)
        {
            return false;
        }

        var sourceArn = "arn:aws:s3:::" + source.Name;
        return policy.Statements.Any(s =>
            s.Effect == PolicyEffect.Allow
            && s.Principal is { } principal
            && principal.Service.Contains(LoggingServicePrincipal, StringComparer.OrdinalIgnoreCase)
            && (s.Action ?? []).Any(a => FileSystemName.MatchesSimpleExpression(a, "s3:PutObject", ignoreCase: true))
            && s.Conditions.All(c => ConditionHolds(c, source.Owner, sourceArn)));
    }

    private static bool ConditionHolds(PolicyCondition condition, string sourceAccount, string sourceArn) => condition.Key.ToLowerInvariant() switch
    {
        "aws:sourceaccount" => condition.Values.Contains(sourceAccount, StringComparer.Ordinal),
        "aws:sourcearn" => condition.Values.Any(v => FileSystemName.MatchesSimpleExpression(v, sourceArn, ignoreCase: false)),
        _ => false, // a condition Nuage cannot evaluate for the logging service grants nothing
    };
}
