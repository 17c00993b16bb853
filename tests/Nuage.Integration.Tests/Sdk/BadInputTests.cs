using System.Net;
using System.Net.Sockets;
using System.Text;
using Amazon.S3;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Sdk;

/// <summary>Bad input (issue 3): truncated bodies, clients that vanish mid-upload, oversized XML. S3's error or a clean close; nothing stored.</summary>
public sealed class BadInputTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly AmazonS3Client _s3 = fixture.CreateS3Client();

    public void Dispose() => _s3.Dispose();

    [Theory]
    [InlineData(1000, 100)]
    [InlineData(2 * TestBytes.MiB, TestBytes.MiB)]
    public async Task Body_shorter_than_content_length_is_IncompleteBody_or_a_close_and_stores_nothing(int declared, int sent)
    {
        var bucket = await fixture.CreateBucketAsync("truncated");

        var answer = await SendTruncatedPutAsync(bucket, "k", declared, sent, closeAbruptly: false);

        Assert.True(answer.Length == 0 || (answer.StartsWith("HTTP/1.1 400", StringComparison.Ordinal) && answer.Contains("<Code>IncompleteBody</Code>", StringComparison.Ordinal)),
            "Expected 400 IncompleteBody or a closed connection, got:\n" + answer);
        await S3Assert.FailsAsync("NoSuchKey", HttpStatusCode.NotFound, () => _s3.GetObjectAsync(bucket, "k"));
    }

    [Fact]
    public async Task Client_that_disconnects_mid_upload_leaves_no_object_and_the_server_serving()
    {
        var bucket = await fixture.CreateBucketAsync("disconnect");
        await _s3.PutBytesAsync(bucket, "k", [1, 2, 3]);

        await SendTruncatedPutAsync(bucket, "k", 8 * TestBytes.MiB, 3 * TestBytes.MiB, closeAbruptly: true);

        Assert.Equal([1, 2, 3], await _s3.GetBytesAsync(bucket, "k"));
        Assert.Equal(["k"], await _s3.ListAllKeysAsync(bucket));
    }

    [Fact]
    public async Task Oversized_delete_document_is_a_client_error()
    {
        var bucket = await fixture.CreateBucketAsync("huge-xml");
        var body = Encoding.UTF8.GetBytes("<Delete>" + new string(' ', 3 * TestBytes.MiB) + "</Delete>");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Post, "/" + bucket,
            query: [new("delete", "")], body: body,
            headers: new Dictionary<string, string> { ["Content-MD5"] = TestBytes.Md5Base64(body) });

        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.BadRequest
            && (text.Contains("<Code>MaxMessageLengthExceeded</Code>", StringComparison.Ordinal) || text.Contains("<Code>MalformedXML</Code>", StringComparison.Ordinal)),
            $"{(int)response.StatusCode}: {text}");
    }

    [Fact]
    public async Task Xml_with_a_doctype_is_refused_without_expanding_entities()
    {
        var bucket = await fixture.CreateBucketAsync("xxe");
        var body = Encoding.UTF8.GetBytes(
            "<?xml version=\"1.0\"?><!DOCTYPE d [<!ENTITY x SYSTEM \"file:///etc/passwd\">]><Delete><Object><Key>&x;</Key></Object></Delete>");

        using var response = await RawS3.SendSignedAsync(fixture.Endpoint, HttpMethod.Post, "/" + bucket,
            query: [new("delete", "")], body: body,
            headers: new Dictionary<string, string> { ["Content-MD5"] = TestBytes.Md5Base64(body) });

        var error = await RawS3.AssertErrorAsync(response, HttpStatusCode.BadRequest, "MalformedXML");
        Assert.DoesNotContain("root:", error.ToString(), StringComparison.Ordinal);
    }

    /// <summary>A signed PUT announcing <paramref name="declared"/> bytes that sends only <paramref name="sent"/>, over a raw socket.</summary>
    private async Task<string> SendTruncatedPutAsync(string bucket, string key, int declared, int sent, bool closeAbruptly)
    {
        using var signed = SigV4Signer.Root.CreateRequest(fixture.Endpoint, HttpMethod.Put, SigV4Signer.EncodePath(bucket, key),
            payloadHash: SigV4Signer.UnsignedPayload);
        var head = new StringBuilder();
        head.Append("PUT ").Append(signed.RequestUri!.PathAndQuery).Append(" HTTP/1.1\r\n");
        foreach (var (name, values) in signed.Headers)
        {
            head.Append(name).Append(": ").Append(string.Join(",", values)).Append("\r\n");
        }

        head.Append("Content-Length: ").Append(declared).Append("\r\n\r\n");

        using var client = new TcpClient();
        await client.ConnectAsync(fixture.Endpoint.Host, fixture.Endpoint.Port);
        var stream = client.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(TestBytes.Random(sent, sent));
        await stream.FlushAsync();
        if (closeAbruptly)
        {
            client.Client.LingerState = new LingerOption(true, 0);
            client.Close();
            return string.Empty;
        }

        client.Client.Shutdown(SocketShutdown.Send);
        using var reader = new MemoryStream();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        try
        {
            await stream.CopyToAsync(reader, timeout.Token);
        }
        catch (IOException)
        {
            // A reset is a clean close for this purpose.
        }

        return Encoding.UTF8.GetString(reader.ToArray());
    }
}
