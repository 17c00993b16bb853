using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Tagging;
using Nuage.S3.Xml;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteBucketTagging. The tag set is a bucket setting like CORS, parsed once per stored version into
/// <see cref="BucketView.Tags"/>.
/// </summary>
public sealed class BucketTaggingHandler(BucketViews views, BucketSettingWriter settings)
{
    /// <summary>50 tags of 128 + 256 characters fit well under this; a bigger body is refused before it is parsed.</summary>
    private const long MaxDocumentBytes = 64 * 1024;

    /// <summary>"Error code: NoSuchTagSet. There is no tag set associated with the bucket" (GetBucketTagging).</summary>
    public async Task GetAsync(S3RequestContext context, GetBucketTaggingOperation operation)
    {
        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        var tags = bucket.Tags ?? throw new S3Exception(S3Error.NoSuchTagSet);
        await S3XmlResponse.WriteAsync(context.Response, xml => TaggingDocument.Write(xml, tags));
    }

    /// <summary>"When this operation sets the tags for a bucket, it will overwrite any current tags the bucket already has" (PutBucketTagging).</summary>
    public async Task PutAsync(S3RequestContext context, PutBucketTaggingOperation operation)
    {
        await views.RequireAsync(operation.Bucket, context.Aborted);
        var tags = TaggingDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted), TagSet.MaxBucketTags);
        await settings.PutAsync(context, operation.Bucket, BucketSettingNames.Tagging, tags.ToQueryString());
    }

    /// <summary>"If the action is successful, the service sends back an HTTP 204 response" (DeleteBucketTagging).</summary>
    public Task DeleteAsync(S3RequestContext context, DeleteBucketTaggingOperation operation) =>
        settings.ClearAsync(context, operation.Bucket, BucketSettingNames.Tagging);
}
