using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using Nuage.Iam.Acls;
using Nuage.Iam.Identities;
using Nuage.Iam.Policies;
using Nuage.S3.Tagging;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Authorization;

/// <summary>
/// Turns the stored <see cref="BucketAccess"/> into a parsed <see cref="BucketView"/>, once per stored version
/// (the storage cache hands out a new BucketAccess when a setting changes) and per account setting text.
/// </summary>
public sealed class BucketViews(IBucketService buckets, IdentityRegistry identities)
{
    private readonly ConditionalWeakTable<BucketAccess, BucketView> _views = [];
    private readonly ConcurrentDictionary<string, PublicAccessBlockConfiguration> _accountBlocks = new(StringComparer.Ordinal);

    /// <summary>The bucket's view, or null when there is no such bucket.</summary>
    public async ValueTask<BucketView?> GetAsync(string bucket, CancellationToken cancellationToken)
    {
        var access = await buckets.GetAccessAsync(bucket, cancellationToken);
        if (access is null)
        {
            return null;
        }

        var view = _views.GetValue(access, Parse);
        var accountBlock = AccountBlock(view.Owner);
        var effective = (view.BucketPublicAccessBlock ?? PublicAccessBlockConfiguration.None).Combine(accountBlock);
        return effective == view.EffectivePublicAccessBlock ? view : view with { EffectivePublicAccessBlock = effective };
    }

    /// <summary>The bucket's view; NoSuchBucket when there is none.</summary>
    public async ValueTask<BucketView> RequireAsync(string bucket, CancellationToken cancellationToken) =>
        await GetAsync(bucket, cancellationToken)
        ?? throw new StorageException(StorageErrorCode.NoSuchBucket, "The specified bucket does not exist.");

    /// <summary>The account-level Block Public Access of <paramref name="accountId"/> (none when never set).</summary>
    public PublicAccessBlockConfiguration AccountBlock(string accountId)
    {
        var text = identities.Current.Accounts.GetValueOrDefault(accountId)?.Settings.PublicAccessBlock;
        return text is null ? PublicAccessBlockConfiguration.None : _accountBlocks.GetOrAdd(text, PublicAccessBlockConfiguration.FromJson);
    }

    private static BucketView Parse(BucketAccess access)
    {
        var policy = access.Setting(BucketSettingNames.Policy) is { } text ? PolicyDocument.Parse(text, PolicyKind.Resource) : null;
        var ownershipText = access.Setting(BucketSettingNames.Ownership);
        var ownership = ObjectOwnershipRules.TryParse(ownershipText, out var parsed) ? parsed : ObjectOwnership.ObjectWriter;
        var acl = access.Setting(BucketSettingNames.Acl) is { } aclText
            ? AccessControlList.FromJson(aclText)
            : AccessControlList.Private(new AclOwner(access.Owner, access.Owner));
        var block = access.Setting(BucketSettingNames.PublicAccessBlock) is { } blockText ? PublicAccessBlockConfiguration.FromJson(blockText) : null;
        return new BucketView(
            access.Name, access.Owner, policy, policy is not null && BucketPolicyPublicity.IsPublic(policy), ownership, ownershipText is not null,
            acl, block, block ?? PublicAccessBlockConfiguration.None,
            access.Setting(BucketSettingNames.Cors) is { } corsText ? CorsConfigurationDocument.FromStored(corsText) : null,
            access.Setting(BucketSettingNames.Tagging) is { } tagText ? TagSet.FromQueryString(tagText, TagSet.MaxBucketTags) : null)
        {
            ObjectLock = access.Setting(BucketSettingNames.ObjectLock) is { } lockText ? ObjectLockConfigurationDocument.FromStored(lockText) : null,
            Lifecycle = access.Setting(BucketSettingNames.Lifecycle) is { } lifecycleText ? Nuage.Storage.Lifecycle.LifecycleConfiguration.FromJson(lifecycleText) : null,
            Logging = access.Setting(BucketSettingNames.Logging) is { } loggingText ? BucketLoggingStatusDocument.FromStored(loggingText) : null,
        };
    }
}
