namespace Nuage.Storage.Objects;

/// <summary>
/// Conditional requests as RFC 9110 §13.2.2 orders them, which yields S3's documented combinations
/// (GetObject/HeadObject "Request headers"): If-Match true + If-Unmodified-Since false => proceed (If-Match wins);
/// If-None-Match false + If-Modified-Since true => 304 (If-None-Match wins). For CopyObject and UploadPartCopy the
/// x-amz-copy-source-if-* headers answer 412 where a GET would answer 304.
/// HTTP dates have one-second resolution, so LastModified is truncated to the second before comparing.
/// </summary>
public static class ConditionEvaluator
{
    public static ConditionOutcome Evaluate(ReadConditions conditions, string etag, DateTimeOffset lastModified)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        var modified = TruncateToSecond(lastModified);
        if (conditions.IfMatch is not null)
        {
            if (!Matches(conditions.IfMatch, etag, weak: false))
            {
                return ConditionOutcome.PreconditionFailed;
            }
        }
        else if (conditions.IfUnmodifiedSince is { } unmodifiedSince && modified > unmodifiedSince)
        {
            return ConditionOutcome.PreconditionFailed;
        }

        if (conditions.IfNoneMatch is not null)
        {
            if (Matches(conditions.IfNoneMatch, etag, weak: true))
            {
                return ConditionOutcome.NotModified;
            }
        }
        else if (conditions.IfModifiedSince is { } modifiedSince && modified <= modifiedSince)
        {
            return ConditionOutcome.NotModified;
        }

        return ConditionOutcome.Proceed;
    }

    /// <summary>The copy-source variant: any failed condition is 412 (AWS CopyObject, x-amz-copy-source-if-*).</summary>
    public static ConditionOutcome EvaluateCopySource(ReadConditions conditions, string etag, DateTimeOffset lastModified) =>
        Evaluate(conditions, etag, lastModified) == ConditionOutcome.Proceed
            ? ConditionOutcome.Proceed
            : ConditionOutcome.PreconditionFailed;

    /// <summary>
    /// True when <paramref name="header"/> ("*" or a comma-separated list of entity tags, quoted or not) names
    /// <paramref name="etag"/>. Strong comparison refuses W/ tags (RFC 9110 §8.8.3.2); S3 ETags are never weak.
    /// </summary>
    public static bool Matches(string header, string etag, bool weak)
    {
        ArgumentNullException.ThrowIfNull(header);
        foreach (var range in header.AsSpan().Split(','))
        {
            var candidate = header.AsSpan(range).Trim();
            if (candidate.SequenceEqual("*"))
            {
                return true;
            }

            if (candidate.StartsWith("W/", StringComparison.Ordinal))
            {
                if (!weak)
                {
                    continue;
                }

                candidate = candidate[2..];
            }

            if (candidate.Length >= 2 && candidate[0] == '"' && candidate[^1] == '"')
            {
                candidate = candidate[1..^1];
            }

            if (candidate.SequenceEqual(etag))
            {
                return true;
            }
        }

        return false;
    }

    private static DateTimeOffset TruncateToSecond(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % TimeSpan.TicksPerSecond), TimeSpan.Zero);
}
