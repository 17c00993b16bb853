using System.Globalization;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.Storage.Objects;

namespace Nuage.S3.ObjectLock;

/// <summary>
/// The retention and legal hold a write gives its new version (PutObject, CopyObject, CreateMultipartUpload):
/// x-amz-object-lock-mode with x-amz-object-lock-retain-until-date, and x-amz-object-lock-legal-hold; without
/// retention headers, the bucket's default retention counted from now (AWS "Bucket configuration": "If you don't
/// specify retention settings, the default retention of the bucket applies").
/// </summary>
public static class ObjectLockRequestHeaders
{
    public const string Mode = "x-amz-object-lock-mode";
    public const string RetainUntil = "x-amz-object-lock-retain-until-date";
    public const string LegalHold = "x-amz-object-lock-legal-hold";

    /// <summary>The new version's lock state, or null for none. InvalidRequest on a bucket without Object Lock.</summary>
    public static ObjectLockState? Decide(IHeaderDictionary headers, ObjectLockConfiguration? bucketLock, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(headers);
        string? modeText = Single(headers, Mode);
        string? dateText = Single(headers, RetainUntil);
        string? holdText = Single(headers, LegalHold);
        if (modeText is null && dateText is null && holdText is null)
        {
            return bucketLock?.DefaultRetainUntil(now) is { } until ? new ObjectLockState(bucketLock.Mode, until, false) : null;
        }

        if (bucketLock is null)
        {
            throw new S3Exception(S3Error.InvalidRequest, "Bucket is missing Object Lock Configuration");
        }

        if ((modeText is null) != (dateText is null))
        {
            throw new S3Exception(S3Error.InvalidArgument, "x-amz-object-lock-retain-until-date and x-amz-object-lock-mode must both be supplied");
        }

        ObjectLockMode? mode = null;
        DateTimeOffset? retainUntil = null;
        if (modeText is not null)
        {
            mode = ObjectLockNames.ParseMode(modeText) ?? throw new S3Exception(S3Error.InvalidArgument, "Unknown wormMode directive.");
            if (!DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
            {
                throw new S3Exception(S3Error.InvalidArgument, "The retain until date is not a valid ISO 8601 date.");
            }

            if (parsed <= now)
            {
                throw new S3Exception(S3Error.InvalidArgument, "The retain until date must be in the future!");
            }

            retainUntil = parsed.ToUniversalTime();
        }
        else if (bucketLock.DefaultRetainUntil(now) is { } defaultUntil)
        {
            (mode, retainUntil) = (bucketLock.Mode, defaultUntil);
        }

        bool hold = holdText is not null
            && (ObjectLockNames.ParseLegalHold(holdText) ?? throw new S3Exception(S3Error.InvalidArgument, "Legal Hold must be either of 'ON' or 'OFF'"));
        return new ObjectLockState(mode, retainUntil, hold);
    }

    /// <summary>The version's lock headers on GET and HEAD (x-amz-object-lock-*), when it has any.</summary>
    public static void Write(HttpResponse response, ObjectLockState state)
    {
        ArgumentNullException.ThrowIfNull(response);
        ArgumentNullException.ThrowIfNull(state);
        if (state.Mode is { } mode && state.RetainUntil is { } until)
        {
            response.Headers[Mode] = ObjectLockNames.Mode(mode);
            response.Headers[RetainUntil] = until.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
        }

        response.Headers[LegalHold] = ObjectLockNames.LegalHold(state.LegalHold);
    }

    private static string? Single(IHeaderDictionary headers, string name) =>
        headers.TryGetValue(name, out var values) && values.Count > 0 ? values.ToString().Trim() : null;
}
