using System.Text;
using Microsoft.AspNetCore.Http;

namespace Nuage.Signing.Tests;

/// <summary>
/// The "Authentication examples" and the query-string example of "Signing and authenticating REST requests (AWS
/// signature version 2)", request by request, each with the signature AWS published for it.
/// </summary>
public sealed class SigV2PublishedExampleTests
{
    private const string Host = "johnsmith.s3.amazonaws.com";

    [Fact]
    public async Task Object_get_matches_the_published_signature()
    {
        const string date = "Tue, 27 Mar 2007 19:36:42 +0000";
        var request = TestRequests.Create("GET", "/photos/puppy.jpg",
        [
            ("Host", Host),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:bWq2s1WEIj+Ydj0vQ697zp+IXMU="),
        ]);

        var result = SigV2Examples.Authenticate(request, SigV2Examples.At(date));

        Assert.Equal(AwsExamples.Principal, result.Principal);
        Assert.Empty(await TestRequests.ReadAllAsync(result.Body));
    }

    [Fact]
    public async Task Object_put_matches_the_published_signature_and_passes_the_body_on()
    {
        const string date = "Tue, 27 Mar 2007 21:15:45 +0000";
        var body = Encoding.UTF8.GetBytes("not really a jpeg");
        var request = TestRequests.Create("PUT", "/photos/puppy.jpg",
        [
            ("Content-Type", "image/jpeg"),
            ("Content-Length", body.Length.ToString(System.Globalization.CultureInfo.InvariantCulture)),
            ("Host", Host),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:MyyxeRY7whkBe+bq8fHCL/2kKUg="),
        ], new MemoryStream(body));

        var result = SigV2Examples.Authenticate(request, SigV2Examples.At(date));

        // SigV2 signs no payload: the body comes through untouched, its length from Content-Length.
        Assert.Equal(body, await TestRequests.ReadAllAsync(result.Body));
        Assert.Equal(body.Length, result.DecodedContentLength);
    }

    [Fact]
    public void List_matches_the_published_signature_without_signing_prefix_max_keys_or_marker()
    {
        const string date = "Tue, 27 Mar 2007 19:42:41 +0000";
        var request = TestRequests.Create("GET", "/?prefix=photos&max-keys=50&marker=puppy",
        [
            ("User-Agent", "Mozilla/5.0"),
            ("Host", Host),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:htDYFYduRNen8P9ZfE/s9SuKy0U="),
        ]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, SigV2Examples.At(date)).Principal);
    }

    [Fact]
    public void Fetch_acl_matches_the_published_signature_with_the_sub_resource()
    {
        const string date = "Tue, 27 Mar 2007 19:44:46 +0000";
        var request = TestRequests.Create("GET", "/?acl",
        [
            ("Host", Host),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:c2WLPFtWHVgbEmeEG93a4cG37dM="),
        ]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, SigV2Examples.At(date)).Principal);
    }

    [Fact]
    public void Delete_with_x_amz_date_matches_the_published_signature()
    {
        // Path style, and x-amz-date one second before Date: the time that counts is x-amz-date's.
        var request = TestRequests.Create("DELETE", "/johnsmith/photos/puppy.jpg",
        [
            ("User-Agent", "dotnet"),
            ("Host", "s3.amazonaws.com"),
            ("Date", "Tue, 27 Mar 2007 21:20:27 +0000"),
            ("x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:lx3byBScXR6KzyMaifNkardMwNk="),
        ]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, SigV2Examples.At("Tue, 27 Mar 2007 21:20:26 +0000")).Principal);
    }

    [Fact]
    public void Upload_with_amz_and_meta_headers_matches_the_published_signature()
    {
        // AWS sends this one to a CNAME host (static.johnsmith.net:8080), which Nuage does not serve; path style
        // names the same bucket and yields the same CanonicalizedResource, so the published signature still holds.
        const string date = "Tue, 27 Mar 2007 21:06:08 +0000";
        var request = TestRequests.Create("PUT", "/static.johnsmith.net/db-backup.dat.gz", UploadHeaders("AWS AKIAIOSFODNN7EXAMPLE:ilyl83RwaSoYIEdixDQcA4OnAnc="));

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, SigV2Examples.At(date)).Principal);
    }

    [Fact]
    public void Upload_string_to_sign_is_the_published_one()
    {
        var request = TestRequests.Create("PUT", "/static.johnsmith.net/db-backup.dat.gz", UploadHeaders("AWS AKIAIOSFODNN7EXAMPLE:AAAAAAAAAAAAAAAAAAAAAAAAAAA="));

        var error = Assert.Throws<SignatureException>(() => SigV2Examples.Authenticate(request, SigV2Examples.At("Tue, 27 Mar 2007 21:06:08 +0000")));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
        Assert.Equal(
            "PUT\n4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\nTue, 27 Mar 2007 21:06:08 +0000\n"
            + "x-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\nx-amz-meta-filechecksum:0x02661779\n"
            + "x-amz-meta-reviewedby:joe@johnsmith.net,jane@johnsmith.net\n/static.johnsmith.net/db-backup.dat.gz",
            error.Details.Single(d => d.Key == "StringToSign").Value);
    }

    [Fact]
    public void List_all_my_buckets_matches_the_published_signature()
    {
        const string date = "Wed, 28 Mar 2007 01:29:59 +0000";
        var request = TestRequests.Create("GET", "/",
        [
            ("Host", "s3.amazonaws.com"),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:qGdzdERIC03wnaRNKh6OqZehG9s="),
        ]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, SigV2Examples.At(date)).Principal);
    }

    [Fact]
    public void Unicode_keys_match_the_published_signature_over_the_path_as_sent()
    {
        // The escapes are signed as the client wrote them, upper- and lower-case hex alike.
        const string date = "Wed, 28 Mar 2007 01:49:49 +0000";
        var request = TestRequests.Create("GET", "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re",
        [
            ("Host", "s3.amazonaws.com"),
            ("Date", date),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:DNEZGsoieTZ92F3bUfSPQcbGmlM="),
        ]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, SigV2Examples.At(date)).Principal);
    }

    [Fact]
    public void Query_string_example_matches_the_published_signature_before_it_expires()
    {
        var request = QueryStringExample();

        // Expires=1175139620 is 2007-03-29T03:40:20Z.
        var result = SigV2Examples.Authenticate(request, QueryStringExampleTime);

        Assert.Equal(AwsExamples.Principal, result.Principal);
    }

    [Fact]
    public void Query_string_example_after_its_Expires_is_an_expired_request()
    {
        var error = Assert.Throws<SignatureException>(
            () => SigV2Examples.Authenticate(QueryStringExample(), new DateTimeOffset(2007, 3, 29, 3, 40, 21, TimeSpan.Zero)));

        Assert.Equal(SignatureErrorCode.ExpiredRequest, error.Code);
        Assert.Contains(new KeyValuePair<string, string>("Expires", "2007-03-29T03:40:20Z"), error.Details);
    }

    internal static readonly DateTimeOffset QueryStringExampleTime = new(2007, 3, 29, 3, 40, 20, TimeSpan.Zero);

    internal static HttpRequest QueryStringExample() => TestRequests.Create(
        "GET",
        "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
        [("Host", Host)]);

    private static List<(string Name, string Value)> UploadHeaders(string authorization) =>
    [
        ("User-Agent", "curl/7.15.5"),
        ("Host", "s3.amazonaws.com"),
        ("Date", "Tue, 27 Mar 2007 21:06:08 +0000"),
        ("x-amz-acl", "public-read"),
        ("content-type", "application/x-download"),
        ("Content-MD5", "4gJE4saaMU4BqNR0kLY+lw=="),
        ("X-Amz-Meta-ReviewedBy", "joe@johnsmith.net"),
        ("X-Amz-Meta-ReviewedBy", "jane@johnsmith.net"),
        ("X-Amz-Meta-FileChecksum", "0x02661779"),
        ("X-Amz-Meta-ChecksumAlgorithm", "crc32"),
        ("Content-Disposition", "attachment; filename=database.dat"),
        ("Content-Encoding", "gzip"),
        ("Content-Length", "5913339"),
        ("Authorization", authorization),
    ];
}
