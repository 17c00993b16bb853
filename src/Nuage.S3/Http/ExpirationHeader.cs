using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Tagging;
using Nuage.Storage.Lifecycle;
using Nuage.Storage.Objects;

namespace Nuage.S3.Http;

/// <summary>
/// x-amz-expiration on PutObject, GetObject and HeadObject: "If the object expiration is configured, the response
/// includes this header. It includes the expiry-date and rule-id key-value pairs providing object expiration
/// information" (GetObject), e.g. <c>expiry-date="Fri, 23 Dec 2012 00:00:00 GMT", rule-id="picture-deletion-rule"</c>.
/// The date is always counted in real days, rounded up to midnight UTC as on AWS, even when a test shortens the
/// lifecycle day (--lifecycle-day-seconds) to make the worker act sooner: the header states the rule's meaning,
/// as Ceph RGW's does under its debug interval.
/// </summary>
public static class ExpirationHeader
{
    public static void Write(HttpResponse response, LifecycleConfiguration? lifecycle, ObjectInfo info)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(info);
        if (lifecycle is null)
        {
            return;
        }

        var tags = info.Tags is null
            ? null
            : TagSet.FromQueryString(info.Tags, TagSet.MaxObjectTags).Tags.ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal);
        if (lifecycle.CurrentExpiry(info.Key, info.Size, tags, info.LastModified, TimeSpan.FromDays(1)) is { } due)
        {
            response.Headers["x-amz-expiration"] = string.Create(
                CultureInfo.InvariantCulture, $"expiry-date=\"{due.Expiry.UtcDateTime:R}\", rule-id=\"{due.Rule.Id}\"");
        }
    }
}
