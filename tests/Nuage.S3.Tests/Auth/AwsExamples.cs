using Nuage.Iam;
using Nuage.S3.Auth;

namespace Nuage.S3.Tests.Auth;

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

    /// <summary>The authenticator the pipeline uses, so every SigV4 example also goes through its mechanism dispatch.</summary>
    public static S3Authenticator Authenticator(FixedTimeProvider? time = null) =>
        new(new StaticCredentialResolver(new AccessKeyCredential(AccessKey, Secret, Principal)), time ?? new FixedTimeProvider(Time));
}
