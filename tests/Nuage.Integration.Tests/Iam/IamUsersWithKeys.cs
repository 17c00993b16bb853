using Amazon.S3;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.Cli;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Iam;

/// <summary>IAM users of the operator's account made with `aws iam`, and S3 clients signing with their new keys.</summary>
internal static class IamUsersWithKeys
{
    /// <summary>A role trust policy that lets the operator's account (000000000000) assume the role.</summary>
    public const string OperatorTrust =
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"arn:aws:iam::000000000000:root\"},\"Action\":\"sts:AssumeRole\"}]}";

    public static string Name(string purpose) => purpose + "-" + Guid.NewGuid().ToString("N")[..8];

    /// <summary>Creates an access key for <paramref name="user"/> (which exists) and returns an S3 client signing with it.</summary>
    public static async Task<AmazonS3Client> S3Async(NuageServerFixture fixture, AwsCli aws, string user)
    {
        var key = IamCliTests.Json(await aws.SucceedAsync("iam", "create-access-key", "--user-name", user)).GetProperty("AccessKey");
        return TestAccount.Client(fixture, key.GetProperty("AccessKeyId").GetString()!, key.GetProperty("SecretAccessKey").GetString()!);
    }

    public static string Allow(string action, string resource, string condition = "") =>
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":\"" + action + "\",\"Resource\":\"" + resource + "\"" + condition + "}]}";
}
