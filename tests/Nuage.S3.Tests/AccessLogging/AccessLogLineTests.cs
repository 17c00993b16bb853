using Nuage.S3.AccessLogging;
using Nuage.S3.Routing;

namespace Nuage.S3.Tests.AccessLogging;

public sealed class AccessLogLineTests
{
    private static readonly AccessLogEntry Get = new()
    {
        BucketOwner = "111122223333",
        Bucket = "photos",
        Time = new DateTimeOffset(2026, 2, 6, 0, 0, 38, TimeSpan.Zero),
        RemoteIp = "192.0.2.3",
        Requester = "arn:aws:iam::111122223333:user/alice",
        RequestId = "3E57427F3EXAMPLE",
        Operation = "REST.GET.OBJECT",
        Key = "2026/holiday photo.jpg",
        RequestUri = "GET /photos/2026/holiday%20photo.jpg HTTP/1.1",
        HttpStatus = 200,
        BytesSent = 113,
        ObjectSize = 113,
        TotalTimeMs = 7,
        TurnAroundTimeMs = 3,
        UserAgent = "S3Console/0.4 \"quoted\"",
        HostId = "3E57427F3EXAMPLE",
        SignatureVersion = "SigV4",
        AuthType = "AuthHeader",
        HostHeader = "127.0.0.1:9000",
    };

    [Fact]
    public void A_record_has_AWS_fields_in_AWS_order_with_dashes_for_empty_ones()
    {
        Assert.Equal(
            "111122223333 photos [06/Feb/2026:00:00:38 +0000] 192.0.2.3 arn:aws:iam::111122223333:user/alice 3E57427F3EXAMPLE REST.GET.OBJECT "
            + "2026/holiday%20photo.jpg \"GET /photos/2026/holiday%20photo.jpg HTTP/1.1\" 200 - 113 113 7 3 - \"S3Console/0.4 \\\"quoted\\\"\" - "
            + "3E57427F3EXAMPLE SigV4 - AuthHeader 127.0.0.1:9000 - - -",
            AccessLogLine.Format(Get));
    }

    [Fact]
    public void An_anonymous_request_allowed_by_an_ACL_says_so_in_the_last_field()
    {
        var line = AccessLogLine.Format(Get with { Requester = null, SignatureVersion = null, AuthType = null, AclRequired = true, BytesSent = 0, ErrorCode = "NoSuchKey", HttpStatus = 404 });
        Assert.EndsWith(" - 127.0.0.1:9000 - - Yes", line, StringComparison.Ordinal);
        Assert.Contains(" 192.0.2.3 - 3E57427F3EXAMPLE ", line, StringComparison.Ordinal);
        Assert.Contains("\" 404 NoSuchKey - 113 ", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(S3Action.PutObject, "REST.PUT.OBJECT")]
    [InlineData(S3Action.ListObjectsV2, "REST.GET.BUCKET")]
    [InlineData(S3Action.DeleteObjects, "REST.POST.MULTI_OBJECT_DELETE")]
    [InlineData(S3Action.CreateMultipartUpload, "REST.POST.UPLOADS")]
    [InlineData(S3Action.UploadPart, "REST.PUT.PART")]
    [InlineData(S3Action.CompleteMultipartUpload, "REST.POST.UPLOAD")]
    [InlineData(S3Action.GetBucketVersioning, "REST.GET.VERSIONING")]
    [InlineData(null, "REST.PUT.OBJECT")]
    public void Operations_carry_AWS_names(S3Action? action, string expected) =>
        Assert.Equal(expected, AccessLogOperationNames.For(action, action is null ? "PUT" : "PATCH", hasKey: true));

    [Fact]
    public void Every_routed_action_has_a_name_of_its_own()
    {
        // The fallback (for a request refused before routing) takes the method as sent; no routed action may reach it.
        foreach (var action in Enum.GetValues<S3Action>())
        {
            Assert.NotEqual("REST.PATCH.BUCKET", AccessLogOperationNames.For(action, "PATCH", hasKey: false));
        }
    }

    [Fact]
    public void Keys_follow_the_simple_and_the_partitioned_format()
    {
        var delivered = new DateTimeOffset(2026, 12, 2, 1, 2, 3, TimeSpan.Zero);
        var simple = new AccessLogConfiguration("logs", "log/", [], null, null);
        Assert.Matches(@"^log/2026-12-02-01-02-03-[0-9A-F]{16}$", AccessLogKeys.For(simple, "acct", "local", "src", delivered, delivered));

        var partitioned = simple with { KeyFormat = AccessLogKeyFormat.PartitionedPrefix, DateSource = PartitionDateSource.EventTime };
        var key = AccessLogKeys.For(partitioned, "acct", "local", "src", delivered, delivered.AddDays(-1));
        Assert.Matches(@"^log/acct/local/src/2026/12/01/2026-12-02-01-02-03-[0-9A-F]{16}$", key);
    }
}
