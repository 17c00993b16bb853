using Microsoft.AspNetCore.Http;
using Nuage.S3.Authorization;
using Nuage.S3.Http;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Stores or removes one bucket setting and answers as S3's bucket configuration operations do: a Put* answers 200
/// with no body (PutPublicAccessBlock, PutBucketOwnershipControls, PutBucketCors), a Delete* 204, also when nothing
/// was set.
/// </summary>
public sealed class BucketSettingWriter(BucketViews views, IBucketService buckets)
{
    /// <summary>Stores the setting's new value; the bucket was checked (and the body parsed) by the caller.</summary>
    public async Task PutAsync(S3RequestContext context, string bucket, string setting, string value)
    {
        ArgumentNullException.ThrowIfNull(context);
        await buckets.SetSettingAsync(bucket, setting, value, context.Aborted);
        Empty(context, StatusCodes.Status200OK);
    }

    /// <summary>Removes a setting: the bucket goes back to behaving as one that never had it (204).</summary>
    public async Task ClearAsync(S3RequestContext context, string bucket, string setting)
    {
        ArgumentNullException.ThrowIfNull(context);
        await views.RequireAsync(bucket, context.Aborted);
        await buckets.SetSettingAsync(bucket, setting, null, context.Aborted);
        Empty(context, StatusCodes.Status204NoContent);
    }

    private static void Empty(S3RequestContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }
}
