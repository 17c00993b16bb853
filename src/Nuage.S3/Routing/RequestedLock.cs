using Microsoft.AspNetCore.Http;

namespace Nuage.S3.Routing;

/// <summary>
/// Which Object Lock settings a write asks for in its headers: a retention (x-amz-object-lock-mode /
/// -retain-until-date) or a legal hold (x-amz-object-lock-legal-hold). Each needs its own permission besides
/// s3:PutObject ("To use this header, you must have the s3:PutObjectRetention permission" / "s3:PutObjectLegalHold",
/// PutObject). Null when the write names neither.
/// </summary>
public sealed record RequestedLock(bool Retention, bool LegalHold)
{
    public static RequestedLock? From(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        bool retention = headers.ContainsKey("x-amz-object-lock-mode") || headers.ContainsKey("x-amz-object-lock-retain-until-date");
        bool legalHold = headers.ContainsKey("x-amz-object-lock-legal-hold");
        return retention || legalHold ? new RequestedLock(retention, legalHold) : null;
    }
}
