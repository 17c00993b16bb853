namespace Nuage.Signing.Tests;

/// <summary>The service a request is signed for, read without verifying it, to pick the door on a shared port.</summary>
public sealed class PeekServiceTests
{
    [Theory]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/s3/aws4_request, SignedHeaders=host, Signature=00", "s3")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20130524/us-east-1/iam/aws4_request,SignedHeaders=host,Signature=00", "iam")]
    [InlineData("AWS4-HMAC-SHA256 SignedHeaders=host Signature=00 Credential=AKIAIOSFODNN7EXAMPLE/20130524/local/sts/aws4_request", "sts")]
    [InlineData("  AWS4-HMAC-SHA256 Credential=AK/20130524/local/iotdata/aws4_request", "iotdata")]
    [InlineData("AWS4-HMAC-SHA256 Credential=AK/20130524/local/ec2/aws4_request", "ec2")]
    public void Reads_the_service_of_the_authorization_header(string authorization, string service)
    {
        var request = TestRequests.Create("GET", "/", [("Host", "local"), ("Authorization", authorization)]);

        Assert.Equal(service, AwsSignature.PeekService(request));
    }

    [Theory]
    [InlineData("/b/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AK%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Signature=00", "s3")]
    [InlineData("/?Action=GetCallerIdentity&x-amz-credential=AK/20130524/us-east-1/sts/aws4_request", "sts")]
    public void Reads_the_service_of_a_presigned_url(string rawTarget, string service)
    {
        Assert.Equal(service, AwsSignature.PeekService(TestRequests.Create("GET", rawTarget, [("Host", "local")])));
    }

    [Theory]
    [InlineData("/b/k", null)]
    [InlineData("/b/k", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU=")]
    [InlineData("/b/k?AWSAccessKeyId=AK&Signature=x&Expires=1", null)]
    [InlineData("/b/k", "AWS4-HMAC-SHA256 SignedHeaders=host, Signature=00")]
    [InlineData("/b/k", "AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1/s3, Signature=00")]
    [InlineData("/b/k", "AWS4-HMAC-SHA256 Credential=AK/20130524/us-east-1//aws4_request")]
    [InlineData("/b/k?X-Amz-Credential=garbage", null)]
    [InlineData("/b/k", "Bearer Credential=AK/20130524/us-east-1/s3/aws4_request")]
    public void Is_null_for_unsigned_SigV2_and_unreadable_requests(string rawTarget, string? authorization)
    {
        List<(string Name, string Value)> headers = [("Host", "local")];
        if (authorization is not null)
        {
            headers.Add(("Authorization", authorization));
        }

        Assert.Null(AwsSignature.PeekService(TestRequests.Create("GET", rawTarget, headers)));
    }
}
