using System.Text;

namespace Nuage.Signing.Tests;

/// <summary>
/// The worked examples of the S3 API reference, reproduced request by request: "Signature Calculations for the
/// Authorization Header: Transferring Payload in a Single Chunk" (GET Object, PUT Object, GET Bucket Lifecycle,
/// Get Bucket (List Objects)), "Authenticating Requests: Using Query Parameters" (presigned GET) and
/// "Transferring Payload in Multiple Chunks" (PUT with three signed chunks).
/// </summary>
public sealed class AwsPublishedExampleTests
{
    private const string EmptySha = TestSigner.EmptySha256;

    [Fact]
    public async Task Get_object_with_range_matches_the_published_signature()
    {
        var result = AwsExamples.Authenticator().Authenticate(PublishedGetObject());

        Assert.Equal(AwsExamples.Principal, result.Principal);
        Assert.Empty(await TestRequests.ReadAllAsync(result.Body));
    }

    [Fact]
    public async Task Put_object_with_dollar_in_key_matches_the_published_signature()
    {
        // The key "test$file.text" is sent as is; its canonical URI is /test%24file.text.
        var body = Encoding.UTF8.GetBytes("Welcome to Amazon S3.");
        var request = TestRequests.Create("PUT", "/test$file.text",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Date", "Fri, 24 May 2013 00:00:00 GMT"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=date;host;x-amz-content-sha256;x-amz-date;x-amz-storage-class,Signature=98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd"),
            ("x-amz-date", AwsExamples.AmzDate),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("x-amz-content-sha256", "44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072"),
            ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        ], new MemoryStream(body));

        var result = AwsExamples.Authenticator().Authenticate(request);

        Assert.Equal(body, await TestRequests.ReadAllAsync(result.Body));
        Assert.Equal(body.Length, result.DecodedContentLength);
    }

    [Fact]
    public void Get_bucket_lifecycle_matches_the_published_signature()
    {
        var request = TestRequests.Create("GET", "/?lifecycle",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543"),
            ("x-amz-content-sha256", EmptySha),
            ("x-amz-date", AwsExamples.AmzDate),
        ]);

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(request).Principal);
    }

    [Fact]
    public void List_objects_matches_the_published_signature()
    {
        var request = TestRequests.Create("GET", "/?max-keys=2&prefix=J",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=host;x-amz-content-sha256;x-amz-date,Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
            ("x-amz-content-sha256", EmptySha),
            ("x-amz-date", AwsExamples.AmzDate),
        ]);

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(request).Principal);
    }

    [Fact]
    public void List_objects_query_in_another_order_still_matches()
    {
        // The canonical query is sorted, so the order on the wire does not matter.
        var request = TestRequests.Create("GET", "/?prefix=J&max-keys=2",
        [
            ("Host", "examplebucket.s3.amazonaws.com"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential}, SignedHeaders=host;x-amz-content-sha256;x-amz-date, Signature=34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7"),
            ("x-amz-content-sha256", EmptySha),
            ("x-amz-date", AwsExamples.AmzDate),
        ]);

        Assert.Equal(AwsExamples.Principal, AwsExamples.Authenticator().Authenticate(request).Principal);
    }

    [Fact]
    public async Task Presigned_get_matches_the_published_signature()
    {
        var request = TestRequests.Create("GET",
            "/test.txt?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404",
            [("Host", "examplebucket.s3.amazonaws.com")]);
        var time = new FixedTimeProvider(AwsExamples.Time.AddHours(23));

        var result = AwsExamples.Authenticator(time).Authenticate(request);

        Assert.Equal(AwsExamples.Principal, result.Principal);
        Assert.Empty(await TestRequests.ReadAllAsync(result.Body));
    }

    [Fact]
    public async Task Chunked_upload_matches_the_published_seed_and_chunk_signatures()
    {
        var body = PublishedChunkedBody();
        Assert.Equal(66824, body.Length);
        var request = PublishedChunkedRequest(new MemoryStream(body));

        var result = AwsExamples.Authenticator().Authenticate(request);
        var data = await TestRequests.ReadAllAsync(result.Body);

        Assert.Equal(66560, result.DecodedContentLength);
        Assert.Equal(66560, data.Length);
        Assert.All(data, b => Assert.Equal((byte)'a', b));
    }

    [Fact]
    public async Task Chunked_upload_survives_one_byte_reads_from_the_network_and_small_reads_by_the_caller()
    {
        var request = PublishedChunkedRequest(new TrickleStream(PublishedChunkedBody(), 1));

        var result = AwsExamples.Authenticator().Authenticate(request);
        var data = await TestRequests.ReadAllAsync(result.Body, bufferSize: 7);

        Assert.Equal(66560, data.Length);
        Assert.All(data, b => Assert.Equal((byte)'a', b));
    }

    [Fact]
    public void Chunked_upload_can_be_read_synchronously()
    {
        var request = PublishedChunkedRequest(new MemoryStream(PublishedChunkedBody()));

        var result = AwsExamples.Authenticator().Authenticate(request);
        using var copy = new MemoryStream();
        result.Body.CopyTo(copy);

        Assert.Equal(66560, copy.Length);
    }

    /// <summary>"GET Object" of the header-auth examples: the first 10 bytes of test.txt.</summary>
    internal static Microsoft.AspNetCore.Http.HttpRequest PublishedGetObject() => TestRequests.Create("GET", "/test.txt",
    [
        ("Host", "examplebucket.s3.amazonaws.com"),
        ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=host;range;x-amz-content-sha256;x-amz-date,Signature=f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41"),
        ("Range", "bytes=0-9"),
        ("x-amz-content-sha256", EmptySha),
        ("x-amz-date", AwsExamples.AmzDate),
    ]);

    internal static byte[] PublishedChunkedBody()
    {
        using var body = new MemoryStream();
        body.Write("10000;chunk-signature=ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648\r\n"u8);
        body.Write(Enumerable.Repeat((byte)'a', 65536).ToArray());
        body.Write("\r\n"u8);
        body.Write("400;chunk-signature=0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497\r\n"u8);
        body.Write(Enumerable.Repeat((byte)'a', 1024).ToArray());
        body.Write("\r\n"u8);
        body.Write("0;chunk-signature=b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9\r\n\r\n"u8);
        return body.ToArray();
    }

    internal static Microsoft.AspNetCore.Http.HttpRequest PublishedChunkedRequest(Stream body) =>
        TestRequests.Create("PUT", "/examplebucket/chunkObject.txt",
        [
            ("Host", "s3.amazonaws.com"),
            ("x-amz-date", AwsExamples.AmzDate),
            ("x-amz-storage-class", "REDUCED_REDUNDANCY"),
            ("Authorization", $"AWS4-HMAC-SHA256 Credential={AwsExamples.Credential},SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature=4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"),
            ("x-amz-content-sha256", "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"),
            ("Content-Encoding", "aws-chunked"),
            ("x-amz-decoded-content-length", "66560"),
            ("Content-Length", "66824"),
        ], body);
}
