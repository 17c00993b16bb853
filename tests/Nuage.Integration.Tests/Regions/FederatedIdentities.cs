using System.Diagnostics;
using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;

namespace Nuage.Integration.Tests.Regions;

/// <summary>Accounts and keys of a federation's tests, made through the admin API, and a key's standing in one region.</summary>
internal static class FederatedIdentities
{
    /// <summary>How long a change may take to reach every region: "within seconds" (issue 17), with room for a loaded machine.</summary>
    public static readonly TimeSpan Spread = TimeSpan.FromSeconds(15);

    /// <summary>A new account created at <paramref name="console"/> by the operator: (name, root key id, root secret).</summary>
    public static async Task<(string Name, string KeyId, string Secret)> CreateAccountAsync(Uri console, string purpose)
    {
        using var operatorApi = AdminApi.AsOperator(console);
        var name = $"{purpose}-{Guid.NewGuid().ToString("N")[..8]}";
        var created = (await operatorApi.PostAsync("/api/accounts", new { name })).Expect(HttpStatusCode.Created);
        return (name, created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey"));
    }

    /// <summary>Whether <paramref name="region"/> takes the key now: a signed ListBuckets succeeds, or fails on the key.</summary>
    public static async Task<bool> AcceptsAsync(NuageProcess region, string keyId, string secret)
    {
        using var client = region.CreateS3Client(new BasicAWSCredentials(keyId, secret));
        try
        {
            await client.ListBucketsAsync();
            return true;
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "InvalidAccessKeyId" or "AccessDenied" or "SignatureDoesNotMatch")
        {
            return false;
        }
    }

    /// <summary>Waits until <paramref name="condition"/> holds, asking every 100 ms; fails with <paramref name="what"/> after <see cref="Spread"/>.</summary>
    public static async Task<TimeSpan> EventuallyAsync(Func<Task<bool>> condition, string what)
    {
        var started = Stopwatch.StartNew();
        while (!await condition())
        {
            if (started.Elapsed > Spread)
            {
                throw new Xunit.Sdk.XunitException($"Not true after {Spread.TotalSeconds} s: {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        return started.Elapsed;
    }
}
