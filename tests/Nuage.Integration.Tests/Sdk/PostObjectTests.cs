using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Amazon.S3;
using Amazon.S3.Model;
using Nuage.Integration.Tests.Access;
using Nuage.Integration.Tests.BadInput;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>
/// POST Object: browser form uploads ("Browser-based uploads using POST"), built with HttpClient the way a browser
/// form sends them, on a server with legacy bucket defaults (ACLs enabled) so public-read-write buckets exist.
/// </summary>
public sealed class PostObjectTests(LegacyBucketServerFixture fixture) : IClassFixture<LegacyBucketServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();
    private readonly HttpClient _http = new(new HttpClientHandler { AllowAutoRedirect = false })
    {
        BaseAddress = fixture.Endpoint,
        Timeout = TimeSpan.FromSeconds(60),
    };

    public void Dispose()
    {
        _s3.Dispose();
        _http.Dispose();
    }

    [Fact]
    public async Task Anonymous_post_to_a_public_read_write_bucket_stores_the_object()
    {
        var bucket = fixture.NewBucketName("post-anon");
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicReadWrite });

        var (status, _) = await PostAsync(bucket, [("key", "foo.txt"), ("acl", "public-read"), ("Content-Type", "text/plain")], "bar"u8.ToArray());
        Assert.Equal(HttpStatusCode.NoContent, status);
        using var get = await _s3.GetObjectAsync(bucket, "foo.txt");
        Assert.Equal("bar", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        Assert.Equal("text/plain", get.Headers.ContentType);
    }

    [Fact]
    public async Task A_tagging_field_gives_the_object_its_tags_and_a_broken_one_is_refused()
    {
        var bucket = fixture.NewBucketName("post-tags");
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicReadWrite });

        // "tagging": the tag set as a Tagging XML document (POST Object, form fields).
        var (status, _) = await PostAsync(bucket,
            [("key", "tagged.txt"), ("tagging", "<Tagging><TagSet><Tag><Key>team</Key><Value>blue</Value></Tag></TagSet></Tagging>")], "t"u8.ToArray());
        Assert.Equal(HttpStatusCode.NoContent, status);
        var tags = await _s3.GetObjectTaggingAsync(new GetObjectTaggingRequest { BucketName = bucket, Key = "tagged.txt" });
        Assert.Equal([("team", "blue")], tags.Tagging.Select(t => (t.Key, t.Value)));

        var (broken, body) = await PostAsync(bucket, [("key", "broken.txt"), ("tagging", "<Tagging><TagSet>")], "t"u8.ToArray());
        AssertError(broken, body, HttpStatusCode.BadRequest, "MalformedXML");
        await AssertMissingAsync(bucket, "broken.txt");
    }

    [Fact]
    public async Task Server_side_encryption_field_stores_the_upload_encrypted()
    {
        var bucket = fixture.NewBucketName("post-sse");
        await _s3.PutBucketAsync(new PutBucketRequest { BucketName = bucket, CannedACL = S3CannedACL.PublicReadWrite });

        // POST Object takes x-amz-server-side-encryption as a form field (docs/s3-front-door.md, Encryption).
        var (status, _) = await PostAsync(bucket, [("key", "secret.txt"), ("x-amz-server-side-encryption", "AES256")], "sealed"u8.ToArray());
        Assert.Equal(HttpStatusCode.NoContent, status);
        Assert.Equal(ServerSideEncryptionMethod.AES256, (await _s3.GetObjectMetadataAsync(bucket, "secret.txt")).ServerSideEncryptionMethod);
        using var get = await _s3.GetObjectAsync(bucket, "secret.txt");
        Assert.Equal("sealed", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task Anonymous_post_to_a_private_bucket_is_denied()
    {
        var bucket = await fixture.CreateBucketAsync("post-private");
        var (status, body) = await PostAsync(bucket, [("key", "foo.txt")], "bar"u8.ToArray());
        AssertError(status, body, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task Anonymous_post_is_authorized_as_a_PutObject_of_its_key_by_the_bucket_policy()
    {
        var bucket = await fixture.CreateBucketAsync("post-policy");
        var statement = $$"""{"Version": "2012-10-17", "Statement": [{"Effect": "Allow", "Principal": "*", "Action": "s3:PutObject", "Resource": "arn:aws:s3:::{{bucket}}/inbox/*"}]}""";
        await _s3.PutBucketPolicyAsync(new PutBucketPolicyRequest { BucketName = bucket, Policy = statement });

        var (status, _) = await PostAsync(bucket, [("key", "inbox/${filename}")], "drop"u8.ToArray(), fileName: "note.txt");
        Assert.Equal(HttpStatusCode.NoContent, status);
        using (var get = await _s3.GetObjectAsync(bucket, "inbox/note.txt"))
        {
            Assert.Equal("drop", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        }

        var (denied, body) = await PostAsync(bucket, [("key", "private/note.txt")], "drop"u8.ToArray());
        AssertError(denied, body, HttpStatusCode.Forbidden, "AccessDenied");
        await AssertMissingAsync(bucket, "private/note.txt");
    }

    [Fact]
    public async Task SigV2_signed_post_stores_the_object_with_its_metadata()
    {
        var bucket = await fixture.CreateBucketAsync("post-v2");
        var policy = Policy(bucket, """["starts-with", "$key", "up/"], {"acl": "private"}, ["starts-with", "$Content-Type", "text/"],""" +
            """ ["starts-with", "$x-amz-meta-color", ""], {"Cache-Control": "max-age=60"}, ["content-length-range", 0, 1024]""");
        var fields = SigV2(policy) .Concat([
            ("key", "up/${filename}"), ("acl", "private"), ("Content-Type", "text/plain"), ("x-amz-meta-color", "blue"),
            ("Cache-Control", "max-age=60")]).ToList();
        var (status, _) = await PostAsync(bucket, fields, "hello"u8.ToArray(), fileName: "hello.txt");
        Assert.Equal(HttpStatusCode.NoContent, status);

        using var get = await _s3.GetObjectAsync(bucket, "up/hello.txt");
        Assert.Equal("hello", await new StreamReader(get.ResponseStream).ReadToEndAsync());
        Assert.Equal("text/plain", get.Headers.ContentType);
        Assert.Equal("max-age=60", get.Headers.CacheControl);
        Assert.Equal("blue", get.Metadata["x-amz-meta-color"]);
    }

    [Fact]
    public async Task SigV4_signed_post_answers_201_with_a_PostResponse()
    {
        var bucket = await fixture.CreateBucketAsync("post-v4");
        var (credential, date) = V4Credential();
        var policy = Policy(bucket, $$"""["starts-with", "$key", ""], {"success_action_status": "201"}, {"x-amz-algorithm": "AWS4-HMAC-SHA256"}, {"x-amz-credential": "{{credential}}"}, {"x-amz-date": "{{date}}"}""");
        var fields = SigV4(policy, credential, date).Concat([("key", "v4.bin"), ("success_action_status", "201")]).ToList();
        var (status, body) = await PostAsync(bucket, fields, "v4 bytes"u8.ToArray());
        Assert.Equal(HttpStatusCode.Created, status);
        var root = XDocument.Parse(body).Root!;
        Assert.Equal("PostResponse", root.Name.LocalName);
        Assert.Equal(bucket, root.Element("Bucket")!.Value);
        Assert.Equal("v4.bin", root.Element("Key")!.Value);
        Assert.Equal(TestBytes.QuotedETag("v4 bytes"u8), root.Element("ETag")!.Value);
        Assert.EndsWith($"/{bucket}/v4.bin", root.Element("Location")!.Value, StringComparison.Ordinal);
        using var get = await _s3.GetObjectAsync(bucket, "v4.bin");
        Assert.Equal("v4 bytes", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task Success_action_status_200_answers_an_empty_200()
    {
        var bucket = await fixture.CreateBucketAsync("post-200");
        var policy = Policy(bucket, """["starts-with", "$key", ""], ["starts-with", "$success_action_status", ""]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k"), ("success_action_status", "200")], [1, 2, 3]);
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Empty(body);
    }

    [Fact]
    public async Task Success_action_redirect_answers_303_with_bucket_key_and_etag()
    {
        var bucket = await fixture.CreateBucketAsync("post-redirect");
        const string Target = "https://example.com/done?from=form";
        var policy = Policy(bucket, $$"""["starts-with", "$key", ""], {"success_action_redirect": "{{Target}}"}""");
        using var response = await SendAsync(bucket, [.. SigV2(policy), ("key", "a b.txt"), ("success_action_redirect", Target)], "x"u8.ToArray());
        Assert.Equal(HttpStatusCode.SeeOther, response.StatusCode);
        var etag = TestBytes.QuotedETag("x"u8);
        Assert.Equal(
            $"{Target}&bucket={bucket}&key=a%20b.txt&etag={Uri.EscapeDataString(etag)}",
            response.Headers.Location!.OriginalString);
    }

    [Fact]
    public async Task Key_conditions_see_the_key_with_filename_replaced()
    {
        var bucket = await fixture.CreateBucketAsync("post-filename");
        var policy = Policy(bucket, """["starts-with", "$key", "foo"]""");
        var (status, _) = await PostAsync(bucket, [.. SigV2(policy), ("key", "${filename}")], "bar"u8.ToArray(), fileName: "foo.txt");
        Assert.Equal(HttpStatusCode.NoContent, status);
        using var get = await _s3.GetObjectAsync(bucket, "foo.txt");
        Assert.Equal("bar", await new StreamReader(get.ResponseStream).ReadToEndAsync());
    }

    [Fact]
    public async Task Checksum_field_is_verified_against_the_file()
    {
        var bucket = await fixture.CreateBucketAsync("post-checksum");
        var data = TestBytes.Random(100_000, seed: 7);
        var policy = Policy(bucket, """["starts-with", "$key", ""]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "bad"), ("x-amz-checksum-sha256", TestBytes.Sha256Base64(new byte[1]))], data);
        AssertError(status, body, HttpStatusCode.BadRequest, "BadDigest");
        await AssertMissingAsync(bucket, "bad");

        (status, _) = await PostAsync(bucket, [.. SigV2(policy), ("key", "good"), ("x-amz-checksum-sha256", TestBytes.Sha256Base64(data))], data);
        Assert.Equal(HttpStatusCode.NoContent, status);
    }

    [Fact]
    public async Task Expired_policy_is_denied()
    {
        var bucket = await fixture.CreateBucketAsync("post-expired");
        var policy = Policy(bucket, """["starts-with", "$key", ""]""", DateTimeOffset.UtcNow.AddMinutes(-1));
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Policy expired.");
    }

    [Fact]
    public async Task Field_not_in_the_policy_is_denied()
    {
        var bucket = await fixture.CreateBucketAsync("post-extra");
        var policy = Policy(bucket, """["starts-with", "$key", ""]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k"), ("x-amz-meta-foo", "bar")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "AccessDenied", "Invalid according to Policy: Extra input fields: x-amz-meta-foo");
        await AssertMissingAsync(bucket, "k");
    }

    [Fact]
    public async Task Failed_starts_with_is_denied()
    {
        var bucket = await fixture.CreateBucketAsync("post-prefix");
        var policy = Policy(bucket, """["starts-with", "$key", "user/"]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "other/k")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "AccessDenied");
        Assert.Contains("Policy Condition failed", S3ErrorDocument.TryParse(body)!.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Policy_for_another_bucket_is_denied()
    {
        var bucket = await fixture.CreateBucketAsync("post-wrong-bucket");
        var policy = Policy("some-other-bucket", """["starts-with", "$key", ""]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "AccessDenied");
    }

    [Fact]
    public async Task File_larger_than_content_length_range_is_EntityTooLarge_and_not_stored()
    {
        var bucket = await fixture.CreateBucketAsync("post-too-big");
        var policy = Policy(bucket, """["starts-with", "$key", ""], ["content-length-range", 0, 10]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k")], new byte[11]);
        AssertError(status, body, HttpStatusCode.BadRequest, "EntityTooLarge");
        await AssertMissingAsync(bucket, "k");
    }

    [Fact]
    public async Task File_smaller_than_content_length_range_is_EntityTooSmall()
    {
        var bucket = await fixture.CreateBucketAsync("post-too-small");
        var policy = Policy(bucket, """["starts-with", "$key", ""], ["content-length-range", 10, 100]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k")], new byte[3]);
        AssertError(status, body, HttpStatusCode.BadRequest, "EntityTooSmall");
        await AssertMissingAsync(bucket, "k");
    }

    [Fact]
    public async Task Bad_signatures_are_SignatureDoesNotMatch()
    {
        var bucket = await fixture.CreateBucketAsync("post-bad-sig");
        var policy = Policy(bucket, """["starts-with", "$key", ""]""");
        var v2 = SigV2(policy).Select(f => f.Name == "signature" ? (f.Name, Convert.ToBase64String(new byte[20])) : f);
        var (status, body) = await PostAsync(bucket, [.. v2, ("key", "k")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");

        var (credential, date) = V4Credential();
        var v4 = SigV4(policy, credential, date).Select(f => f.Name == "x-amz-signature" ? (f.Name, new string('0', 64)) : f);
        (status, body) = await PostAsync(bucket, [.. v4, ("key", "k")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "SignatureDoesNotMatch");
    }

    [Fact]
    public async Task Unknown_access_key_is_InvalidAccessKeyId()
    {
        var bucket = await fixture.CreateBucketAsync("post-unknown-key");
        var policy = Policy(bucket, """["starts-with", "$key", ""]""");
        var fields = SigV2(policy).Select(f => f.Name == "AWSAccessKeyId" ? (f.Name, "AKIANOSUCHKEY0000000") : f);
        var (status, body) = await PostAsync(bucket, [.. fields, ("key", "k")], [1]);
        AssertError(status, body, HttpStatusCode.Forbidden, "InvalidAccessKeyId");
    }

    [Fact]
    public async Task Form_without_a_file_is_InvalidArgument()
    {
        var bucket = await fixture.CreateBucketAsync("post-no-file");
        var policy = Policy(bucket, """["starts-with", "$key", ""]""");
        var (status, body) = await PostAsync(bucket, [.. SigV2(policy), ("key", "k")], file: null);
        AssertError(status, body, HttpStatusCode.BadRequest, "InvalidArgument", "POST requires exactly one file upload per request.");
    }

    [Fact]
    public async Task Bad_policy_and_bad_bodies_are_400()
    {
        var bucket = await fixture.CreateBucketAsync("post-bad-input");
        var (status, body) = await PostAsync(bucket, [("key", "k"), ("AWSAccessKeyId", NuageProcess.AccessKey), ("policy", "%%%"), ("signature", "x")], [1]);
        AssertError(status, body, HttpStatusCode.BadRequest, "InvalidPolicyDocument");

        using var notAForm = await _http.PostAsync($"/{bucket}", new StringContent("key=k", Encoding.UTF8, "application/x-www-form-urlencoded"));
        AssertError(notAForm.StatusCode, await notAForm.Content.ReadAsStringAsync(), HttpStatusCode.BadRequest, "MalformedPOSTRequest");

        var truncated = new ByteArrayContent("--xx\r\nContent-Disposition: form-data; name=\"key\"\r\n\r\nk"u8.ToArray());
        truncated.Headers.ContentType = MediaTypeHeaderValue.Parse("multipart/form-data; boundary=xx");
        using var cut = await _http.PostAsync($"/{bucket}", truncated);
        AssertError(cut.StatusCode, await cut.Content.ReadAsStringAsync(), HttpStatusCode.BadRequest, "MalformedPOSTRequest");
    }

    [Fact]
    public async Task Five_MiB_file_streams_into_the_object()
    {
        var bucket = await fixture.CreateBucketAsync("post-large");
        var data = TestBytes.Random(5 * 1024 * 1024, seed: 42);
        var policy = Policy(bucket, """["starts-with", "$key", ""], ["content-length-range", 0, 10485760]""");
        var (status, _) = await PostAsync(bucket, [.. SigV2(policy), ("key", "large.bin"), ("x-ignore-trailer", "1")], data);
        Assert.Equal(HttpStatusCode.NoContent, status);

        using var get = await _s3.GetObjectAsync(bucket, "large.bin");
        using var copy = new MemoryStream();
        await get.ResponseStream.CopyToAsync(copy);
        Assert.Equal(data.Length, copy.Length);
        Assert.True(data.AsSpan().SequenceEqual(copy.ToArray()));
        Assert.Equal(TestBytes.QuotedETag(data), get.ETag);
    }

    private static string Policy(string bucket, string conditions, DateTimeOffset? expiration = null)
    {
        var expires = (expiration ?? DateTimeOffset.UtcNow.AddHours(1)).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
        var json = $$"""{"expiration": "{{expires}}", "conditions": [{"bucket": {{JsonSerializer.Serialize(bucket)}}}, {{conditions}}]}""";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes(json));
    }

    private static List<(string Name, string Value)> SigV2(string policy) =>
    [
        ("AWSAccessKeyId", NuageProcess.AccessKey),
        ("policy", policy),
        ("signature", Convert.ToBase64String(HMACSHA1.HashData(Encoding.UTF8.GetBytes(NuageProcess.SecretKey), Encoding.UTF8.GetBytes(policy)))),
    ];

    private static (string Credential, string Date) V4Credential()
    {
        var now = DateTime.UtcNow;
        return ($"{NuageProcess.AccessKey}/{now:yyyyMMdd}/us-east-1/s3/aws4_request", now.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture));
    }

    private static List<(string Name, string Value)> SigV4(string policy, string credential, string date)
    {
        var day = date[..8];
        var key = HMACSHA256.HashData(Encoding.UTF8.GetBytes("AWS4" + NuageProcess.SecretKey), Encoding.UTF8.GetBytes(day));
        key = HMACSHA256.HashData(key, "us-east-1"u8);
        key = HMACSHA256.HashData(key, "s3"u8);
        key = HMACSHA256.HashData(key, "aws4_request"u8);
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(policy)));
        return [("x-amz-algorithm", "AWS4-HMAC-SHA256"), ("x-amz-credential", credential), ("x-amz-date", date), ("policy", policy), ("x-amz-signature", signature)];
    }

    private async Task<(HttpStatusCode Status, string Body)> PostAsync(
        string bucket, IEnumerable<(string Name, string Value)> fields, byte[]? file, string fileName = "upload.bin")
    {
        using var response = await SendAsync(bucket, fields, file, fileName);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private Task<HttpResponseMessage> SendAsync(
        string bucket, IEnumerable<(string Name, string Value)> fields, byte[]? file, string fileName = "upload.bin")
    {
        var form = new MultipartFormDataContent("nuage-post-" + Guid.NewGuid().ToString("N"));
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }

        if (file is not null)
        {
            // A stream, not a buffer, so the client sends it as it reads (no Content-Length on the part).
            form.Add(new StreamContent(new MemoryStream(file)), "file", fileName);
        }

        return _http.PostAsync($"/{bucket}", form);
    }

    private static void AssertError(HttpStatusCode status, string body, HttpStatusCode expectedStatus, string code, string? message = null)
    {
        Assert.Equal(expectedStatus, status);
        var error = S3ErrorDocument.TryParse(body);
        Assert.NotNull(error);
        Assert.Equal(code, error.Code);
        if (message is not null)
        {
            Assert.Equal(message, error.Message);
        }
    }

    private async Task AssertMissingAsync(string bucket, string key)
    {
        var e = await Assert.ThrowsAsync<AmazonS3Exception>(() => _s3.GetObjectMetadataAsync(bucket, key));
        Assert.Equal(HttpStatusCode.NotFound, e.StatusCode);
    }
}
