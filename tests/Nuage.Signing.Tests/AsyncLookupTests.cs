using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>Keys looked up asynchronously (the metadata store, next) verify exactly as in-memory ones do.</summary>
public sealed class AsyncLookupTests
{
    [Fact]
    public async Task SigV4_waits_for_the_credential()
    {
        var authenticator = new SigV4Authenticator(new YieldingResolver(AwsExamples.Credentials), new FixedTimeProvider(AwsExamples.Time), "s3");

        var result = await authenticator.AuthenticateAsync(AwsPublishedExampleTests.PublishedGetObject(), CancellationToken.None);

        Assert.Equal(AwsExamples.Principal, result.Principal);
    }

    [Fact]
    public async Task SigV4_unknown_key_is_InvalidAccessKeyId_from_the_task()
    {
        var authenticator = new SigV4Authenticator(new YieldingResolver(new StaticCredentialResolver()), new FixedTimeProvider(AwsExamples.Time), "s3");

        var error = await Assert.ThrowsAsync<SignatureException>(
            async () => await authenticator.AuthenticateAsync(AwsPublishedExampleTests.PublishedGetObject(), CancellationToken.None));

        Assert.Equal(SignatureErrorCode.InvalidAccessKeyId, error.Code);
    }

    [Fact]
    public async Task SigV2_waits_for_the_credential()
    {
        var verifier = new SigV2Verifier(new YieldingResolver(AwsExamples.Credentials), new FixedTimeProvider(SigV2PublishedExampleTests.QueryStringExampleTime));

        var result = await verifier.AuthenticateAsync(SigV2PublishedExampleTests.QueryStringExample(), presigned: true, "johnsmith", CancellationToken.None);

        Assert.Equal(AwsExamples.Principal, result.Principal);
    }

    /// <summary>Answers only after yielding, as a resolver that queries a database does.</summary>
    private sealed class YieldingResolver(ICredentialResolver inner) : ICredentialResolver
    {
        public async ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken)
        {
            await Task.Yield();
            return await inner.FindAsync(accessKeyId, cancellationToken);
        }
    }
}
