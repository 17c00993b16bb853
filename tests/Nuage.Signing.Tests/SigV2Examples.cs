using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>
/// The setting of the SigV2 examples in "Signing and authenticating REST requests (AWS signature version 2)": the
/// same example key as the SigV4 pages, the bucket johnsmith, requests sent in March 2007, and virtual-host
/// addressing under s3.amazonaws.com.
/// </summary>
internal static class SigV2Examples
{
    public const string Domain = "s3.amazonaws.com";

    public static SigV2Verifier Verifier(DateTimeOffset now) => new(AwsExamples.Credentials, new FixedTimeProvider(now));

    /// <summary>The server clock at the moment an example's Date header names.</summary>
    public static DateTimeOffset At(string date) =>
        DateTimeOffset.ParseExact(date.Replace("+0000", "+00:00", StringComparison.Ordinal), "ddd, d MMM yyyy HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>base64(HMAC-SHA1(secret, stringToSign)), for requests the published examples do not cover.</summary>
    public static string Sign(string stringToSign, string secret = AwsExamples.Secret) =>
        Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes(stringToSign)));

    /// <summary>
    /// What the S3 door does before it calls the verifier (S3Authenticator, tested in Nuage.S3.Tests): a query with
    /// AWSAccessKeyId is a presigned URL, and a Host under <see cref="Domain"/> names the bucket.
    /// </summary>
    public static AuthenticatedRequest Authenticate(HttpRequest request, DateTimeOffset now)
    {
        var host = request.Host.Host;
        var bucket = host.EndsWith("." + Domain, StringComparison.OrdinalIgnoreCase) ? host[..^(Domain.Length + 1)] : null;
        return Verifier(now).Authenticate(request, presigned: request.Query.ContainsKey("AWSAccessKeyId"), bucket);
    }
}
