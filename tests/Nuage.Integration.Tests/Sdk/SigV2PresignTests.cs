using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// Signature Version 2 as boto3 makes it: botocore presigns S3 URLs with SigV2 by default
/// (?AWSAccessKeyId=..&amp;Signature=..&amp;Expires=..), and signs requests with "Authorization: AWS ..." when
/// told signature_version="s3". The URLs come from Debian's python3-boto3, which the test script installs.
/// </summary>
public sealed class SigV2PresignTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private const string Python = "/usr/bin/python3";

    /// <summary>argv: endpoint, access key, secret, then the script's own arguments from sys.argv[4].</summary>
    private const string Prelude = """
        import sys, boto3
        from botocore.config import Config
        def client(**config):
            return boto3.client('s3', endpoint_url=sys.argv[1], aws_access_key_id=sys.argv[2],
                                aws_secret_access_key=sys.argv[3], region_name='us-east-1',
                                config=Config(s3={'addressing_style': 'path'}, **config))

        """;

    private static readonly HttpClient Http = new();

    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Fact]
    public async Task Boto3_presigned_get_url_returns_the_exact_bytes()
    {
        var bucket = await fixture.CreateBucketAsync("sigv2-get");
        const string key = "dir/file name+ü.bin";
        var data = TestBytes.Random(300 * TestBytes.KiB, seed: 21);
        await _s3.PutBytesAsync(bucket, key, data);

        var url = await PresignAsync("get_object", bucket, key, expiresIn: 600);
        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(data, await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(TestBytes.QuotedETag(data), response.Headers.ETag?.ToString());
    }

    [Fact]
    public async Task Boto3_presigned_get_url_honours_a_signed_response_override()
    {
        var bucket = await fixture.CreateBucketAsync("sigv2-override");
        await _s3.PutBytesAsync(bucket, "k", [1, 2]);

        var url = await PresignAsync("get_object", bucket, "k", expiresIn: 600, ("ResponseContentDisposition", "attachment; filename=\"k.bin\""));
        using var response = await Http.GetAsync(url);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment; filename=\"k.bin\"", response.Content.Headers.ContentDisposition?.ToString());
    }

    [Fact]
    public async Task Expired_boto3_presigned_url_is_403_AccessDenied()
    {
        var bucket = await fixture.CreateBucketAsync("sigv2-expired");
        await _s3.PutBytesAsync(bucket, "k", [5]);

        var url = await PresignAsync("get_object", bucket, "k", expiresIn: -60);
        using var response = await Http.GetAsync(url);

        var error = await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains("expired", error.Element("Message")!.Value, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Boto3_presigned_url_with_a_changed_signature_is_SignatureDoesNotMatch()
    {
        var bucket = await fixture.CreateBucketAsync("sigv2-tampered");
        await _s3.PutBytesAsync(bucket, "k", [6]);
        var url = await PresignAsync("get_object", bucket, "k", expiresIn: 600);
        var at = url.IndexOf("Signature=", StringComparison.Ordinal) + "Signature=".Length;
        url = url[..at] + (url[at] == 'A' ? 'B' : 'A') + url[(at + 1)..];

        using var response = await Http.GetAsync(url);

        var error = await RawS3.AssertErrorAsync(response, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
        Assert.Equal("GET\n\n\n" + QueryValue(url, "Expires") + "\n/" + bucket + "/k", error.Element("StringToSign")?.Value);
    }

    [Fact]
    public async Task Boto3_presigned_put_url_stores_the_bytes()
    {
        var bucket = await fixture.CreateBucketAsync("sigv2-put");
        var data = TestBytes.Random(200 * TestBytes.KiB, seed: 22);

        var url = await PresignAsync("put_object", bucket, "uploaded", expiresIn: 600);
        using var response = await Http.PutAsync(url, new ByteArrayContent(data));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(TestBytes.QuotedETag(data), response.Headers.ETag?.ToString());
        Assert.Equal(data, await _s3.GetBytesAsync(bucket, "uploaded"));
    }

    [Fact]
    public async Task Boto3_with_sigv2_header_auth_puts_and_gets_an_object_with_metadata()
    {
        // signature_version 's3' signs each request "Authorization: AWS key:signature", with Content-MD5 and the
        // x-amz-meta-* headers in the string to sign.
        var bucket = await fixture.CreateBucketAsync("sigv2-header");
        var output = await RunBoto3Async(
            """
            s3 = client(signature_version='s3')
            bucket = sys.argv[4]
            s3.put_object(Bucket=bucket, Key='a b/c', Body=b'hello sigv2', Metadata={'colour': 'blue'})
            print(s3.get_object(Bucket=bucket, Key='a b/c')['Body'].read().decode())
            print(s3.list_objects(Bucket=bucket, Prefix='a ')['Contents'][0]['Key'])
            """,
            bucket);

        Assert.Equal(new[] { "hello sigv2", "a b/c" }, output.Split('\n'));
        using var stored = await _s3.GetObjectAsync(bucket, "a b/c");
        Assert.Equal("blue", stored.Metadata["colour"]);
        Assert.Equal("hello sigv2"u8.ToArray(), await stored.ReadAllAsync());
    }

    /// <summary>A URL presigned by boto3 with its default signer, checked to be SigV2 so the test cannot pass vacuously.</summary>
    private async Task<string> PresignAsync(string operation, string bucket, string key, int expiresIn, params (string Name, string Value)[] parameters)
    {
        List<string> arguments = [operation, bucket, key, expiresIn.ToString(System.Globalization.CultureInfo.InvariantCulture)];
        foreach (var (name, value) in parameters)
        {
            arguments.Add(name);
            arguments.Add(value);
        }

        var url = await RunBoto3Async(
            """
            params = {'Bucket': sys.argv[5], 'Key': sys.argv[6]}
            extra = sys.argv[8:]
            params.update(zip(extra[::2], extra[1::2]))
            print(client().generate_presigned_url(sys.argv[4], Params=params, ExpiresIn=int(sys.argv[7])))
            """,
            [.. arguments]);

        Assert.Contains("AWSAccessKeyId=", url, StringComparison.Ordinal);
        Assert.Contains("Signature=", url, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Amz-", url, StringComparison.Ordinal);
        return url;
    }

    private async Task<string> RunBoto3Async(string script, params string[] arguments)
    {
        // A developer's own ~/.aws files could change the signer or the addressing style.
        var result = await ChildProcess.RunAsync(
            Python,
            ["-c", Prelude + script, fixture.Endpoint.ToString(), NuageProcess.AccessKey, NuageProcess.SecretKey, .. arguments],
            new Dictionary<string, string?>
            {
                ["AWS_CONFIG_FILE"] = "/dev/null",
                ["AWS_SHARED_CREDENTIALS_FILE"] = "/dev/null",
                ["PYTHONIOENCODING"] = "utf-8",
            },
            timeout: TimeSpan.FromSeconds(60));
        Assert.True(result.ExitCode == 0, $"boto3 failed ({result.ExitCode}): {result}");
        return result.StandardOutput.Trim().ReplaceLineEndings("\n");
    }

    private static string QueryValue(string url, string name)
    {
        var query = new Uri(url).Query.TrimStart('?');
        foreach (var pair in query.Split('&'))
        {
            var eq = pair.IndexOf('=', StringComparison.Ordinal);
            if (eq > 0 && pair[..eq] == name)
            {
                return Uri.UnescapeDataString(pair[(eq + 1)..]);
            }
        }

        throw new InvalidOperationException($"{name} is not in {url}");
    }
}
