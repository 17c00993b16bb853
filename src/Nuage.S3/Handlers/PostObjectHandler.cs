using System.Globalization;
using System.Security;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.WebUtilities;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Post;
using Nuage.S3.Routing;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Tagging;
using Nuage.S3.Xml;
using Nuage.Signing;
using Nuage.Storage.Objects;

namespace Nuage.S3.Handlers;

/// <summary>
/// POST Object ("Browser-based uploads using POST"): reads the form's fields up to the file, authenticates the
/// form's credential (SigV4 x-amz-* fields or SigV2 AWSAccessKeyId/signature; none: anonymous), checks the
/// policy, authorizes the upload as a PutObject of the form's key by that principal, and streams the file part
/// into storage.
/// </summary>
public sealed class PostObjectHandler(
    IObjectService objects, WriteAccess access, S3Authorizer authorizer, PostPolicySignature signatures, TimeProvider time,
    DefaultEncryption encryption)
{
    /// <summary>The form fields that become object attributes, under the header names ReadAttributes reads.</summary>
    private static readonly string[] AttributeFields = ["Content-Type", "Cache-Control", "Content-Disposition", "Content-Encoding", "Expires"];

    public async Task PostObjectAsync(S3RequestContext context, PostObjectOperation operation)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(operation);
        var boundary = PostForm.Boundary(context.Request.ContentType);
        var reader = new MultipartReader(boundary, context.Request.Body) { HeadersLengthLimit = 16 * 1024 };
        var form = await PostForm.ReadAsync(reader, context.Aborted);
        var key = form.Field("key") ?? throw new S3Exception(
            S3Error.InvalidArgument, "Bucket POST must contain a field named 'key'.  If it is specified, please check the order of the fields.")
        {
            Details = [new("ArgumentName", "key"), new("ArgumentValue", string.Empty)],
        };

        var policyText = form.Field("policy");
        var policy = policyText is null ? null : PostPolicy.Parse(policyText);
        if (form.File is null)
        {
            throw new S3Exception(S3Error.InvalidArgument, "POST requires exactly one file upload per request.")
            {
                Details = [new("ArgumentName", "file"), new("ArgumentValue", "0")],
            };
        }

        var body = new PostFileStream(form.File.Body, policy?.MinLength, policy?.MaxLength);
        var auth = await AuthenticateAsync(form, policyText, body, context.Aborted);

        // The policy sees the key as it will be stored, ${filename} replaced (what clients such as ceph/s3-tests expect).
        key = key.Replace("${filename}", form.FileName ?? string.Empty, StringComparison.Ordinal);
        if (key.Length == 0)
        {
            throw new S3Exception(S3Error.InvalidArgument, "User key must have a length greater than 0.");
        }

        if (policy is not null)
        {
            var fields = new Dictionary<string, string>(form.Fields, StringComparer.OrdinalIgnoreCase) { ["key"] = key };
            policy.Check(fields, operation.Bucket, time.GetUtcNow());
        }

        var acl = RequestAcl.From(name => name.Equals("x-amz-acl", StringComparison.OrdinalIgnoreCase) ? form.Field("acl") : null);

        // The form's "tagging" field is a Tagging document ("POST Object": "tagging: Specifies a set of tags
        // ... The tag-set must be encoded as XML"), authorized like x-amz-tagging on PutObject.
        var tags = form.Field("tagging") is { } tagging ? FormTags(tagging) : null;
        var put = new S3RequestContext(context.Http, new PutObjectOperation(operation.Bucket, key, acl) { Tags = tags }, auth, context.RequestId);
        await authorizer.AuthorizeAsync(put);
        var objectAccess = await access.DecideAsync(put, operation.Bucket, acl, tags?.ToQueryString());
        var headers = AttributeHeaders(form);
        var sse = await encryption.ForWriteAsync(put, headers, operation.Bucket, key);
        var request = new PutObjectRequest(
            operation.Bucket, key, body, null, ObjectRequestHeaders.ReadAttributes(headers),
            Checksum: ObjectRequestHeaders.ReadChecksum(headers, auth), Access: objectAccess)
        {
            Encryption = sse,
            IsFormUpload = true,
        };
        var info = await objects.PutObjectAsync(request, context.Aborted);
        ObjectResponseHeaders.WriteVersionId(context.Response, info);
        EncryptionHeaders.Write(context.Response, info.Encryption, sse?.Key, info.Kms, withContext: true);
        await RespondAsync(context, form, operation.Bucket, key, S3Xml.QuotedETag(info.ETag));
    }

    private ValueTask<AuthenticatedRequest> AuthenticateAsync(PostForm form, string? policy, Stream body, CancellationToken cancellationToken)
    {
        var token = form.Field("x-amz-security-token");
        var algorithm = form.Field("x-amz-algorithm");
        if (algorithm is not null)
        {
            if (algorithm != PostPolicySignature.SigV4Algorithm)
            {
                throw Missing("x-amz-algorithm", "Unsupported algorithm: " + algorithm);
            }

            return signatures.VerifySigV4Async(
                form.Field("x-amz-credential") ?? throw Missing("x-amz-credential"),
                policy ?? throw Missing("policy"),
                form.Field("x-amz-signature") ?? throw Missing("x-amz-signature"),
                token, body, cancellationToken);
        }

        if (form.Field("AWSAccessKeyId") is { } accessKey)
        {
            return signatures.VerifySigV2Async(
                accessKey, policy ?? throw Missing("policy"), form.Field("signature") ?? throw Missing("signature"), token, body, cancellationToken);
        }

        if (form.Field("x-amz-credential") is not null || form.Field("x-amz-signature") is not null || form.Field("signature") is not null)
        {
            throw Missing(form.Field("x-amz-credential") is not null ? "x-amz-algorithm" : "AWSAccessKeyId");
        }

        return new(PostPolicySignature.Unsigned(body));
    }

    private static S3Exception Missing(string field, string? message = null) =>
        new(S3Error.InvalidArgument, message ?? $"Bucket POST must contain a field named '{field}'.  If it is specified, please check the order of the fields.")
        {
            Details = [new("ArgumentName", field), new("ArgumentValue", string.Empty)],
        };

    /// <summary>
    /// The form's representation, x-amz-meta-*, x-amz-checksum-* and x-amz-server-side-encryption* fields as request
    /// headers, for ReadAttributes, ReadChecksum and the encryption the upload asks for (POST Object form fields).
    /// </summary>
    private static HeaderDictionary AttributeHeaders(PostForm form)
    {
        var headers = new HeaderDictionary();
        foreach (var name in AttributeFields)
        {
            if (form.Field(name) is { } value)
            {
                headers[name] = value;
            }
        }

        foreach (var (name, value) in form.Fields)
        {
            if (name.StartsWith("x-amz-meta-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith(EncryptionHeaders.Algorithm, StringComparison.OrdinalIgnoreCase))
            {
                headers[name] = value;
            }
        }

        return headers;
    }

    private static TagSet FormTags(string document)
    {
        try
        {
            return TaggingDocument.Parse(S3Xml.ParseStored(document), TagSet.MaxObjectTags);
        }
        catch (System.Xml.XmlException)
        {
            throw new S3Exception(S3Error.MalformedXML);
        }
    }

    private static async Task RespondAsync(S3RequestContext context, PostForm form, string bucket, string key, string etag)
    {
        var response = context.Response;
        response.Headers.ETag = etag;
        var location = LocationOf(context.Request, bucket, key);
        var redirect = form.Field("success_action_redirect") ?? form.Field("redirect");
        if (!string.IsNullOrEmpty(redirect) && Uri.TryCreate(redirect, UriKind.Absolute, out _))
        {
            var separator = redirect.Contains('?', StringComparison.Ordinal) ? '&' : '?';
            response.StatusCode = StatusCodes.Status303SeeOther;
            response.Headers.Location = redirect + separator + "bucket=" + Uri.EscapeDataString(bucket) + "&key=" + Uri.EscapeDataString(key)
                + "&etag=" + Uri.EscapeDataString(etag);
            response.ContentLength = 0;
            return;
        }

        response.Headers.Location = location;
        switch (form.Field("success_action_status"))
        {
            case "200":
                response.StatusCode = StatusCodes.Status200OK;
                response.ContentLength = 0;
                return;
            case "201":
                var xml = Encoding.UTF8.GetBytes(
                    "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<PostResponse><Location>" + SecurityElement.Escape(location)
                    + "</Location><Bucket>" + SecurityElement.Escape(bucket) + "</Bucket><Key>" + SecurityElement.Escape(key)
                    + "</Key><ETag>" + SecurityElement.Escape(etag) + "</ETag></PostResponse>");
                response.StatusCode = StatusCodes.Status201Created;
                response.ContentType = "application/xml";
                response.ContentLength = xml.Length;
                await response.Body.WriteAsync(xml, context.Aborted);
                return;
            default:
                response.StatusCode = StatusCodes.Status204NoContent;
                return;
        }
    }

    private static string LocationOf(HttpRequest request, string bucket, string key) =>
        string.Create(CultureInfo.InvariantCulture, $"{request.Scheme}://{request.Host}/{Uri.EscapeDataString(bucket)}/{Uri.EscapeDataString(key).Replace("%2F", "/", StringComparison.Ordinal)}");
}
