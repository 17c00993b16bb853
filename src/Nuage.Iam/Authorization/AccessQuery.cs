using System.Net;
using Nuage.Iam.Policies;

namespace Nuage.Iam.Authorization;

/// <summary>
/// One question for the authorizer: may <see cref="Principal"/> perform <see cref="Action"/> on
/// <see cref="Resource"/>? Carries what policy conditions read: the request's global keys (aws:SourceIp,
/// aws:SecureTransport, aws:CurrentTime, aws:UserAgent, aws:Referer) and the operation's own keys (s3:prefix, ...),
/// and, for a resource that has them, its owner and its resource policy (a bucket policy).
/// </summary>
/// <param name="Principal">Who asks; null for an anonymous request.</param>
/// <param name="Action">The IAM action, "service:Name" (s3:GetObject).</param>
/// <param name="Resource">The resource ARN, or "*" for actions on no resource.</param>
/// <param name="ResourceOwnerAccountId">The account owning the resource; null for actions on no resource.</param>
/// <param name="ResourcePolicy">The resource's policy (bucket policy), if it has one.</param>
public sealed record AccessQuery(
    Principal? Principal,
    string Action,
    string Resource,
    IPAddress? SourceIp,
    bool SecureTransport,
    DateTimeOffset RequestTime,
    string? UserAgent = null,
    string? Referer = null,
    IReadOnlyDictionary<string, string>? ServiceKeys = null,
    string? ResourceOwnerAccountId = null,
    PolicyDocument? ResourcePolicy = null);
