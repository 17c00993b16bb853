namespace Nuage.Signing.Tests;

/// <summary>The region a request is signed for, read after verification to tell a misdirected client where to sign (docs/regions.md).</summary>
public sealed class PeekRegionTests
{
    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/singapore/s3/aws4_request, SignedHeaders=host, Signature=00", "singapore")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3/aws4_request,SignedHeaders=host,Signature=00", "us-east-1")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20130524//s3/aws4_request, SignedHeaders=host, Signature=00", null)]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20130524/s3/aws4_request, SignedHeaders=host, Signature=00", null)]
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE:c2lnbmF0dXJl", null)]
    public void Reads_the_region_of_an_authorization_header(string authorization, string? region)
    {
        var request = TestRequests.Create("GET", "/", [("Host", "local"), ("Authorization", authorization)]);
        Assert.Equal(region, AwsSignature.PeekRegion(request));
    }

    [Theory]
    [InlineData("/b/k?X-Amz-Credential=AK%2F20130524%2Fdubai%2Fs3%2Faws4_request&X-Amz-Signature=00", "dubai")]
    [InlineData("/b/k", null)]
    public void Reads_the_region_of_a_presigned_url(string rawTarget, string? region)
    {
        Assert.Equal(region, AwsSignature.PeekRegion(TestRequests.Create("GET", rawTarget, [("Host", "local")])));
    }
}
