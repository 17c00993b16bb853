using Microsoft.AspNetCore.Http;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Tagging;
using Nuage.S3.Xml;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>
/// Get/Put/DeleteObjectTagging: the tag set of the current version, changed without a new version (the object's
/// data, ETag and Last-Modified stay), through <see cref="IObjectService.SetObjectTagsAsync"/>.
/// </summary>
public sealed class ObjectTaggingHandler(IObjectService objects)
{
    /// <summary>10 tags of 128 + 256 characters fit well under this; a bigger body is refused before it is parsed.</summary>
    private const long MaxDocumentBytes = 16 * 1024;

    /// <summary>An object without tags answers an empty TagSet, not an error (GetObjectTagging has no NoSuchTagSet).</summary>
    public async Task GetAsync(S3RequestContext context, GetObjectTaggingOperation operation)
    {
        var info = await objects.HeadObjectAsync(operation.Bucket, operation.Key, operation.VersionId, context.Aborted);
        var tags = TagSet.FromQueryString(info.Tags ?? string.Empty, TagSet.MaxObjectTags);
        await S3XmlResponse.WriteAsync(context.Response, xml => TaggingDocument.Write(xml, tags));
    }

    /// <summary>"Sets the supplied tag-set to an object that already exists in a bucket" (PutObjectTagging): the set replaces the old one; 200.</summary>
    public async Task PutAsync(S3RequestContext context, PutObjectTaggingOperation operation)
    {
        var tags = TaggingDocument.Parse(await S3XmlRequest.ReadAsync(context.Auth.Body, MaxDocumentBytes, context.Aborted), TagSet.MaxObjectTags);
        await objects.SetObjectTagsAsync(operation.Bucket, operation.Key, operation.VersionId, tags.Count == 0 ? null : tags.ToQueryString(), context.Aborted);
        Empty(context, StatusCodes.Status200OK);
    }

    /// <summary>"Removes the entire tag set from the specified object" (DeleteObjectTagging); 204.</summary>
    public async Task DeleteAsync(S3RequestContext context, DeleteObjectTaggingOperation operation)
    {
        await objects.SetObjectTagsAsync(operation.Bucket, operation.Key, operation.VersionId, null, context.Aborted);
        Empty(context, StatusCodes.Status204NoContent);
    }

    private static void Empty(S3RequestContext context, int status)
    {
        context.Response.StatusCode = status;
        context.Response.ContentLength = 0;
    }
}
