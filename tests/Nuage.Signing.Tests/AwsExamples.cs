using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>The example key, secret and time used by every SigV4 example in the S3 API reference.</summary>
internal static class AwsExamples
{
    public const string AccessKey = "AKIAIOSFODNN7EXAMPLE";
    public const string Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    public const string Credential = "AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request";
    public const string AmzDate = "20130524T000000Z";

    public static readonly DateTimeOffset Time = new(2013, 5, 24, 0, 0, 0, TimeSpan.Zero);

    public static readonly Principal Principal = new("example-account", AccessKey, "example");

    public static TestSigner Signer => new(AccessKey, Secret);

    public static StaticCredentialResolver Credentials => new(new AccessKeyCredential(AccessKey, Secret, Principal));

    public static SigV4Authenticator Authenticator(FixedTimeProvider? time = null) => new(Credentials, time ?? new FixedTimeProvider(Time), service: "s3");
}
