using Microsoft.AspNetCore.Http;
using Nuage.Iam;

namespace Nuage.Signing.Tests;

/// <summary>SigV2 beyond the published examples: the rules of the string to sign, and each way a request fails.</summary>
public sealed class SigV2AuthTests
{
    private const string Date = "Tue, 27 Mar 2007 19:36:42 +0000";
    private const string GetSignature = "bWq2s1WEIj+Ydj0vQ697zp+IXMU=";
    private static readonly DateTimeOffset Now = SigV2Examples.At(Date);

    [Fact]
    public void X_amz_date_empties_the_date_line_and_is_signed_among_the_amz_headers()
    {
        // "Time stamp requirement": with x-amz-date, the Date line is empty and Date itself is ignored.
        const string stringToSign = "GET\n\n\n\nx-amz-date:" + Date + "\n/johnsmith/photos/puppy.jpg";
        var request = Get(SigV2Examples.Sign(stringToSign), ("x-amz-date", Date), ("Date", "Mon, 01 Jan 2001 00:00:00 GMT"));

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, Now).Principal);
    }

    [Fact]
    public void Rfc1123_gmt_date_is_accepted_and_signed_as_sent()
    {
        const string gmt = "Tue, 27 Mar 2007 19:36:42 GMT";
        var request = Get(SigV2Examples.Sign("GET\n\n\n" + gmt + "\n/johnsmith/photos/puppy.jpg"), ("Date", gmt));

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, Now).Principal);
    }

    [Theory]
    [InlineData("/johnsmith/k?versionId=3&acl&prefix=x", "/johnsmith/k?acl&versionId=3")]
    [InlineData("/johnsmith/k?response-content-disposition=attachment%3B%20filename%3D%22k.bin%22&foo=bar",
        "/johnsmith/k?response-content-disposition=attachment; filename=\"k.bin\"")]
    [InlineData("/johnsmith/k?uploadId=abc&partNumber=2", "/johnsmith/k?partNumber=2&uploadId=abc")]
    [InlineData("/johnsmith?delete", "/johnsmith/?delete")]
    [InlineData("/johnsmith?delete", "/johnsmith?delete")]
    [InlineData("/johnsmith/?uploads", "/johnsmith/?uploads")]
    [InlineData("/johnsmith/a%2Fb?ACL", "/johnsmith/a%2Fb")]
    public void Canonicalized_resource_keeps_the_raw_path_and_the_sorted_decoded_sub_resources(string rawTarget, string resource)
    {
        var request = TestRequests.Create("GET", rawTarget,
            [("Host", "s3.amazonaws.com"), ("Date", Date), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + SigV2Examples.Sign("GET\n\n\n" + Date + "\n" + resource))]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, Now).Principal);
    }

    [Fact]
    public void Amz_headers_are_lower_cased_sorted_trimmed_and_joined()
    {
        const string stringToSign = "PUT\n\ntext/plain\n" + Date + "\nx-amz-a:1\nx-amz-meta-b:x,y\n/johnsmith/k";
        var request = TestRequests.Create("PUT", "/johnsmith/k",
        [
            ("Host", "s3.amazonaws.com"),
            ("Date", Date),
            ("Content-Type", "text/plain"),
            ("X-Amz-Meta-B", " x "),
            ("x-amz-meta-b", "y"),
            ("X-AMZ-A", "1"),
            ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + SigV2Examples.Sign(stringToSign)),
        ]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, Now).Principal);
    }

    [Fact]
    public void Path_style_bucket_request_is_signed_as_bucket_and_slash_as_botocore_does()
    {
        var request = TestRequests.Create("PUT", "/johnsmith",
            [("Host", "s3.amazonaws.com"), ("Date", Date), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + GetSignature)]);

        var error = Fail(request);

        Assert.Equal("PUT\n\n\n" + Date + "\n/johnsmith/", error.Details.Single(d => d.Key == "StringToSign").Value);
    }

    [Fact]
    public void X_amz_date_on_the_date_line_of_a_bucket_request_is_accepted_in_every_form()
    {
        const string amzDate = "Tue, 27 Mar 2007 19:36:40 +0000";
        foreach (var stringToSign in new[]
        {
            "GET\n\n\n\nx-amz-date:" + amzDate + "\n/johnsmith/",
            "GET\n\n\n\nx-amz-date:" + amzDate + "\n/johnsmith",
            "GET\n\n\n" + amzDate + "\n/johnsmith/",
            "GET\n\n\n" + amzDate + "\n/johnsmith",
        })
        {
            var request = TestRequests.Create("GET", "/johnsmith",
                [("Host", "s3.amazonaws.com"), ("x-amz-date", amzDate), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + SigV2Examples.Sign(stringToSign))]);

            Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, Now).Principal);
        }
    }

    [Fact]
    public void Tampered_signature_is_SignatureDoesNotMatch_with_the_string_to_sign()
    {
        var error = Fail(Get("cWq2s1WEIj+Ydj0vQ697zp+IXMU="));

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, error.Code);
        var details = error.Details.ToDictionary(d => d.Key, d => d.Value);
        Assert.Equal(AwsExamples.AccessKey, details["AWSAccessKeyId"]);
        Assert.Equal("cWq2s1WEIj+Ydj0vQ697zp+IXMU=", details["SignatureProvided"]);
        Assert.Equal("GET\n\n\n" + Date + "\n/johnsmith/photos/puppy.jpg", details["StringToSign"]);
        Assert.StartsWith("47 45 54 0a 0a 0a 54 75 65", details["StringToSignBytes"], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("not base64!")]
    [InlineData("AAAA")]
    public void Signature_that_is_not_20_base64_bytes_is_SignatureDoesNotMatch(string signature)
    {
        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(Get(signature)).Code);
    }

    [Fact]
    public void Signature_for_another_key_is_SignatureDoesNotMatch()
    {
        var request = TestRequests.Create("GET", "/photos/kitten.jpg",
            [("Host", "johnsmith.s3.amazonaws.com"), ("Date", Date), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + GetSignature)]);

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(request).Code);
    }

    [Fact]
    public void Amz_header_added_after_signing_is_SignatureDoesNotMatch()
    {
        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(Get(GetSignature, ("x-amz-acl", "public-read"))).Code);
    }

    [Fact]
    public void Wrong_secret_is_SignatureDoesNotMatch()
    {
        var signature = SigV2Examples.Sign("GET\n\n\n" + Date + "\n/johnsmith/photos/puppy.jpg", "not-the-secret");

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(Get(signature)).Code);
    }

    [Fact]
    public void Unknown_access_key_is_InvalidAccessKeyId()
    {
        var request = TestRequests.Create("GET", "/photos/puppy.jpg",
            [("Host", "johnsmith.s3.amazonaws.com"), ("Date", Date), ("Authorization", "AWS AKIANOTKNOWN0000000:" + GetSignature)]);

        var error = Fail(request);

        Assert.Equal(SignatureErrorCode.InvalidAccessKeyId, error.Code);
    }

    [Theory]
    [InlineData(16)]
    [InlineData(-16)]
    public void Request_time_more_than_15_minutes_off_is_RequestTimeTooSkewed(int minutes)
    {
        var error = Fail(Get(GetSignature), Now.AddMinutes(minutes));

        Assert.Equal(SignatureErrorCode.RequestTimeTooSkewed, error.Code);
    }

    [Fact]
    public void A_date_before_the_epoch_is_AccessDenied_not_RequestTimeTooSkewed()
    {
        var error = Fail(Get(GetSignature, ("x-amz-date", "Tue, 07 Jul 1950 21:53:04 GMT")));

        Assert.Equal(SignatureErrorCode.AccessDenied, error.Code);
    }

    [Theory]
    [InlineData(14)]
    [InlineData(-14)]
    public void Request_time_within_15_minutes_is_accepted(int minutes)
    {
        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(Get(GetSignature), Now.AddMinutes(minutes)).Principal);
    }

    [Fact]
    public void Missing_date_is_AccessDenied()
    {
        var request = TestRequests.Create("GET", "/photos/puppy.jpg",
            [("Host", "johnsmith.s3.amazonaws.com"), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + GetSignature)]);

        Assert.Equal(SignatureErrorCode.AccessDenied, Fail(request).Code);
    }

    [Theory]
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE")]
    [InlineData("AWS :" + GetSignature)]
    [InlineData("AWS AKIAIOSFODNN7EXAMPLE:")]
    public void Malformed_authorization_header_is_InvalidArgument(string authorization)
    {
        var request = TestRequests.Create("GET", "/photos/puppy.jpg",
            [("Host", "johnsmith.s3.amazonaws.com"), ("Date", Date), ("Authorization", authorization)]);

        Assert.Equal(SignatureErrorCode.InvalidArgument, Fail(request).Code);
    }

    [Fact]
    public void Presigned_url_with_a_changed_signature_is_SignatureDoesNotMatch()
    {
        var request = TestRequests.Create("GET",
            "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=MpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
            [("Host", "johnsmith.s3.amazonaws.com")]);

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(request).Code);
    }

    [Fact]
    public void Presigned_url_with_a_changed_expiry_is_SignatureDoesNotMatch()
    {
        var request = TestRequests.Create("GET",
            "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139621",
            [("Host", "johnsmith.s3.amazonaws.com")]);

        Assert.Equal(SignatureErrorCode.SignatureDoesNotMatch, Fail(request).Code);
    }

    [Fact]
    public void Presigned_url_whose_plus_was_not_escaped_still_verifies()
    {
        // A raw '+' in a query reads as a space; base64 has no spaces, so it can only have been a '+'.
        var request = TestRequests.Create("GET",
            "/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM+WFzoENXmpNDUsSn8%3D&Expires=1175139620",
            [("Host", "johnsmith.s3.amazonaws.com")]);

        Assert.Equal(AwsExamples.Principal, SigV2Examples.Authenticate(request, Now).Principal);
    }

    [Theory]
    [InlineData("/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D", SignatureErrorCode.AccessDenied)]
    [InlineData("/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=soon", SignatureErrorCode.AccessDenied)]
    [InlineData("/photos/puppy.jpg?AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=a&Signature=b&Expires=1175139620", SignatureErrorCode.InvalidArgument)]
    public void Malformed_presigned_query_is_refused(string rawTarget, SignatureErrorCode code)
    {
        Assert.Equal(code, Fail(TestRequests.Create("GET", rawTarget, [("Host", "johnsmith.s3.amazonaws.com")])).Code);
    }

    /// <summary>The published Object GET (virtual host johnsmith), with another signature and extra headers.</summary>
    private static HttpRequest Get(string signature, params (string Name, string Value)[] extra)
    {
        List<(string Name, string Value)> headers = [("Host", "johnsmith.s3.amazonaws.com"), ("Authorization", "AWS AKIAIOSFODNN7EXAMPLE:" + signature)];
        if (!extra.Any(h => h.Name == "Date"))
        {
            headers.Add(("Date", Date));
        }

        headers.AddRange(extra);
        return TestRequests.Create("GET", "/photos/puppy.jpg", headers);
    }

    private static SignatureException Fail(HttpRequest request, DateTimeOffset? now = null) =>
        Assert.Throws<SignatureException>(() => SigV2Examples.Authenticate(request, now ?? Now));
}
