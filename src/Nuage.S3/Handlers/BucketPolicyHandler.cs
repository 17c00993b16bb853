using System.Text;
using Microsoft.AspNetCore.Http;
using Nuage.Iam.Acls;
using Nuage.Iam.Policies;
using Nuage.S3.Authorization;
using Nuage.S3.Errors;
using Nuage.S3.Http;
using Nuage.S3.Routing.Operations;
using Nuage.S3.Xml;
using Nuage.Storage;
using Nuage.Storage.Buckets;

namespace Nuage.S3.Handlers;

/// <summary>
/// PutBucketPolicy, GetBucketPolicy, DeleteBucketPolicy, GetBucketPolicyStatus. A policy is validated whole before
/// it is stored (MalformedPolicy with the reason); what GetBucketPolicy returns is the JSON as it was put.
/// </summary>
public sealed class BucketPolicyHandler(IBucketService buckets, BucketViews views)
{
    public async Task PutAsync(S3RequestContext context, PutBucketPolicyOperation operation)
    {
        var text = await ReadPolicyAsync(context);
        var policy = Parse(text);
        foreach (var statement in policy.Statements)
        {
            foreach (var resource in statement.Resource ?? statement.NotResource ?? [])
            {
                if (!BelongsTo(resource, operation.Bucket))
                {
                    // A bucket policy governs its own bucket and objects only ("Policy has invalid resource").
                    throw new S3Exception(S3Error.MalformedPolicy, "Policy has invalid resource");
                }
            }
        }

        var bucket = await views.RequireAsync(operation.Bucket, context.Aborted);
        if (bucket.EffectivePublicAccessBlock.BlockPublicPolicy && BucketPolicyPublicity.IsPublic(policy))
        {
            throw new S3Exception(S3Error.AccessDenied, "Access Denied: Block Public Access (BlockPublicPolicy) forbids a public bucket policy.");
        }

        await buckets.SetSettingAsync(operation.Bucket, BucketSettingNames.Policy, text, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetAsync(S3RequestContext context, GetBucketPolicyOperation operation)
    {
        var bucket = await RequireAsync(context, operation.Bucket);
        var text = bucket.Setting(BucketSettingNames.Policy) ?? throw new S3Exception(S3Error.NoSuchBucketPolicy);
        var body = Encoding.UTF8.GetBytes(text);
        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json";
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.Aborted);
    }

    public async Task DeleteAsync(S3RequestContext context, DeleteBucketPolicyOperation operation)
    {
        await RequireAsync(context, operation.Bucket);
        await buckets.SetSettingAsync(operation.Bucket, BucketSettingNames.Policy, null, context.Aborted);
        context.Response.StatusCode = StatusCodes.Status204NoContent;
    }

    public async Task GetStatusAsync(S3RequestContext context, GetBucketPolicyStatusOperation operation)
    {
        var bucket = await RequireAsync(context, operation.Bucket);
        var text = bucket.Setting(BucketSettingNames.Policy) ?? throw new S3Exception(S3Error.NoSuchBucketPolicy);
        var isPublic = BucketPolicyPublicity.IsPublic(Parse(text));
        await S3XmlResponse.WriteAsync(context.Response, xml => PolicyStatusDocument.Write(xml, isPublic));
    }

    /// <summary>The body whole (a policy is at most 20 KiB; a little slack lets the size check give its own message).</summary>
    private static async Task<string> ReadPolicyAsync(S3RequestContext context)
    {
        using var buffer = new MemoryStream();
        await using (var limited = new LengthLimitedStream(context.Auth.Body, PolicySizeLimits.BucketPolicy * 4))
        {
            await limited.CopyToAsync(buffer, context.Aborted);
        }

        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        catch (DecoderFallbackException)
        {
            throw new S3Exception(S3Error.MalformedPolicy, "Policies must be UTF-8 encoded JSON");
        }

        if (PolicyDocument.CountSignificantCharacters(text) > PolicySizeLimits.BucketPolicy)
        {
            throw new S3Exception(S3Error.MalformedPolicy, "Policies must be no larger than 20 KB");
        }

        return text;
    }

    private static PolicyDocument Parse(string text)
    {
        try
        {
            return PolicyDocument.Parse(text, PolicyKind.Resource);
        }
        catch (MalformedPolicyException e)
        {
            throw new S3Exception(S3Error.MalformedPolicy, e.Message);
        }
    }

    /// <summary>"arn:aws:s3:::bucket" or anything under "arn:aws:s3:::bucket/" (wildcards included).</summary>
    private static bool BelongsTo(string resource, string bucket)
    {
        const string Prefix = "arn:aws:s3:::";
        if (!resource.StartsWith(Prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var rest = resource.AsSpan(Prefix.Length);
        if (rest.SequenceEqual(bucket) || (rest.StartsWith(bucket, StringComparison.Ordinal) && rest.Length > bucket.Length && rest[bucket.Length] == '/'))
        {
            return true;
        }

        // Wildcards may stand for the bucket's name ("arn:aws:s3:::*", "arn:aws:s3:::logs-*/*"): the statement then
        // applies to this bucket too ("You can use wildcard characters (* and ?) within any ARN segment").
        var slash = rest.IndexOf('/');
        return GlobMatches(slash < 0 ? rest : rest[..slash], bucket);
    }

    /// <summary>'*' any run of characters (also none), '?' one character.</summary>
    private static bool GlobMatches(ReadOnlySpan<char> pattern, ReadOnlySpan<char> input)
    {
        int p = 0, i = 0, star = -1, mark = 0;
        while (i < input.Length)
        {
            if (p < pattern.Length && (pattern[p] == '?' || pattern[p] == input[i]))
            {
                p++;
                i++;
            }
            else if (p < pattern.Length && pattern[p] == '*')
            {
                star = p++;
                mark = i;
            }
            else if (star >= 0)
            {
                p = star + 1;
                i = ++mark;
            }
            else
            {
                return false;
            }
        }

        while (p < pattern.Length && pattern[p] == '*')
        {
            p++;
        }

        return p == pattern.Length;
    }

    private async Task<BucketAccess> RequireAsync(S3RequestContext context, string name) =>
        await buckets.GetAccessAsync(name, context.Aborted)
        ?? throw new StorageException(StorageErrorCode.NoSuchBucket, S3Error.NoSuchBucket.DefaultMessage);
}
