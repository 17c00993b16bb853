using System.Net;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Admin;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Access.Matrix;

/// <summary>
/// One server for the whole matrix, and every principal built once through the real APIs: accounts A and B with
/// their root keys, users, policies and keys through the admin JSON API on the console port, a role of A through
/// the admin API and its two sessions through STS AssumeRole on the S3 port. A's three buckets under test are set
/// up by A's root with S3 calls.
/// </summary>
public sealed class AuthorizationMatrixFixture : IAsyncLifetime
{
    private readonly NuageServerFixture _server = new();
    private readonly Dictionary<MatrixPrincipal, AmazonS3Client> _clients = [];
    private readonly Dictionary<MatrixBucket, string> _buckets = [];
    private string[] _crossAccountArns = [];
    private int _counter;

    public Uri Endpoint => _server.Endpoint;

    /// <summary>The installation's root key: sets nothing up, but checks after each cell that a denial left no trace.</summary>
    public AmazonS3Client Operator => _clients[MatrixPrincipal.Operator];

    /// <summary>Account A's root, which owns the buckets under test and prepares what each cell needs.</summary>
    public AmazonS3Client Owner => _clients[MatrixPrincipal.RootA];

    public AmazonS3Client ClientOf(MatrixPrincipal principal) => _clients[principal];

    public string BucketOf(MatrixPrincipal principal) => _buckets[KindOf(principal)];

    public static MatrixBucket KindOf(MatrixPrincipal principal) => principal switch
    {
        MatrixPrincipal.AnonymousPublic => MatrixBucket.Public,
        MatrixPrincipal.AnonymousRestricted => MatrixBucket.Restricted,
        _ => MatrixBucket.Private,
    };

    /// <summary>A short unique suffix for the keys and names one cell uses.</summary>
    public string NextId() => Interlocked.Increment(ref _counter).ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>A bucket name outside every policy of the matrix (CreateBucket's cells).</summary>
    public string NewUnpolicedBucketName() => _server.NewBucketName("mx-new");

    /// <summary>The bucket policy a bucket of <paramref name="kind"/> named <paramref name="bucket"/> carries.</summary>
    public string PolicyFor(MatrixBucket kind, string bucket, string? sid = null) => kind == MatrixBucket.Private
        ? MatrixPolicies.CrossAccount(bucket, _crossAccountArns, sid ?? "CrossAccount")
        : MatrixPolicies.PublicRead(bucket, sid ?? "PublicRead");

    /// <summary>
    /// A fresh empty bucket of A set up as the row's bucket is (policy and Block Public Access), named after it so
    /// that the identity policies cover it: for the cells that delete or re-police a bucket.
    /// </summary>
    public async Task<string> CreateCopyOfAsync(MatrixPrincipal principal)
    {
        var kind = KindOf(principal);
        var name = $"{_buckets[kind]}-s{NextId()}";
        await SetUpBucketAsync(kind, name);
        return name;
    }

    public async Task InitializeAsync()
    {
        await _server.InitializeAsync();
        _clients[MatrixPrincipal.Operator] = _server.CreateS3Client();
        foreach (var anonymous in new[] { MatrixPrincipal.AnonymousPrivate, MatrixPrincipal.AnonymousPublic, MatrixPrincipal.AnonymousRestricted })
        {
            _clients[anonymous] = Client(new AnonymousAWSCredentials());
        }

        using var admin = AdminApi.AsOperator(_server.ConsoleEndpoint);
        var suffix = Guid.NewGuid().ToString("N")[..8];
        var (accountA, rootA) = await CreateAccountAsync(admin, "matrix-a-" + suffix);
        var (accountB, rootB) = await CreateAccountAsync(admin, "matrix-b-" + suffix);
        _clients[MatrixPrincipal.RootA] = Client(rootA);
        _clients[MatrixPrincipal.RootB] = Client(rootB);

        // Names first: the private bucket's policy names B's users, the identity policies name the bucket.
        var privateBucket = _server.NewBucketName("mx-private");
        _buckets[MatrixBucket.Private] = privateBucket;
        _buckets[MatrixBucket.Public] = _server.NewBucketName("mx-public");
        _buckets[MatrixBucket.Restricted] = _server.NewBucketName("mx-restricted");
        _crossAccountArns = [$"arn:aws:iam::{accountB}:user/both-sides", $"arn:aws:iam::{accountB}:user/bucket-policy-only"];

        var allow = MatrixPolicies.AllowBucket(privateBucket);
        _clients[MatrixPrincipal.UserAAllowed] = Client(await CreateUserAsync(admin, accountA, "allowed", allow));
        _clients[MatrixPrincipal.UserANoPolicy] = Client(await CreateUserAsync(admin, accountA, "no-policy", null));
        _clients[MatrixPrincipal.UserAAllowedThenDenied] = Client(await CreateUserAsync(admin, accountA, "denied", MatrixPolicies.AllowThenDenyBucket(privateBucket)));
        _clients[MatrixPrincipal.UserBNoGrant] = Client(await CreateUserAsync(admin, accountB, "no-grant", null));
        _clients[MatrixPrincipal.UserBBothSides] = Client(await CreateUserAsync(admin, accountB, "both-sides", allow));
        _clients[MatrixPrincipal.UserBIdentityOnly] = Client(await CreateUserAsync(admin, accountB, "identity-only", allow));
        _clients[MatrixPrincipal.UserBBucketPolicyOnly] = Client(await CreateUserAsync(admin, accountB, "bucket-policy-only", null));

        (await admin.PostAsync($"/api/accounts/{accountA}/roles", new { name = "bucket-role", trustPolicy = MatrixPolicies.TrustAccountRoot(accountA) }))
            .Expect(HttpStatusCode.Created);
        (await admin.PutAsync($"/api/accounts/{accountA}/roles/bucket-role/policies/bucket", MatrixPolicies.RoleBucket(privateBucket)))
            .Expect(HttpStatusCode.NoContent);
        var roleArn = $"arn:aws:iam::{accountA}:role/bucket-role";
        var (rootAKey, rootASecret) = (rootA.GetCredentials().AccessKey, rootA.GetCredentials().SecretKey);
        _clients[MatrixPrincipal.RoleSession] = Client(await StsAssumeRole.AssumeAsync(_server.Endpoint, rootAKey, rootASecret, roleArn, "full"));
        _clients[MatrixPrincipal.RoleSessionGetObjectOnly] = Client(
            await StsAssumeRole.AssumeAsync(_server.Endpoint, rootAKey, rootASecret, roleArn, "get-only", MatrixPolicies.GetObjectOnly));

        foreach (var (kind, name) in _buckets)
        {
            await SetUpBucketAsync(kind, name);
        }

        Assert.Equal(Enum.GetValues<MatrixPrincipal>().Length, _clients.Count);
    }

    public async Task DisposeAsync()
    {
        foreach (var client in _clients.Values)
        {
            client.Dispose();
        }

        await _server.DisposeAsync();
    }

    /// <summary>
    /// Default settings, then per kind: the private bucket keeps Block Public Access and gets a policy that names
    /// only B's users (not public, so BlockPublicPolicy lets it in); the public one loses Block Public Access and
    /// gets the public policy; the restricted one gets the same policy, then RestrictPublicBuckets alone.
    /// </summary>
    private async Task SetUpBucketAsync(MatrixBucket kind, string name)
    {
        await Owner.PutBucketAsync(name);
        if (kind != MatrixBucket.Private)
        {
            await Owner.DeletePublicAccessBlockAsync(new DeletePublicAccessBlockRequest { BucketName = name });
        }

        await Owner.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = name, Policy = PolicyFor(kind, name) });
        if (kind == MatrixBucket.Restricted)
        {
            await Owner.PutPublicAccessBlockAsync(new PutPublicAccessBlockRequest
            {
                BucketName = name,
                PublicAccessBlockConfiguration = new PublicAccessBlockConfiguration { RestrictPublicBuckets = true },
            });
        }
    }

    private AmazonS3Client Client(AWSCredentials credentials) => _server.Server.CreateS3Client(credentials);

    private static async Task<(string Id, BasicAWSCredentials Root)> CreateAccountAsync(AdminApi admin, string name)
    {
        var created = (await admin.PostAsync("/api/accounts", new { name })).Expect(HttpStatusCode.Created);
        return (created.String("account", "id"),
            new BasicAWSCredentials(created.String("rootAccessKey", "accessKeyId"), created.String("rootAccessKey", "secretAccessKey")));
    }

    private static async Task<BasicAWSCredentials> CreateUserAsync(AdminApi admin, string account, string user, string? policy)
    {
        (await admin.PostAsync($"/api/accounts/{account}/users", new { name = user })).Expect(HttpStatusCode.Created);
        if (policy is not null)
        {
            (await admin.PutAsync($"/api/accounts/{account}/users/{user}/policies/matrix", policy)).Expect(HttpStatusCode.NoContent);
        }

        var key = (await admin.PostAsync($"/api/accounts/{account}/users/{user}/keys")).Expect(HttpStatusCode.Created);
        return new BasicAWSCredentials(key.String("accessKeyId"), key.String("secretAccessKey"));
    }
}
