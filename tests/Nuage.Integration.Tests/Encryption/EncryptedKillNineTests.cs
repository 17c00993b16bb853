using System.Net;
using Nuage.Integration.Tests.BadInput;
using Nuage.Integration.Tests.Durability;
using Nuage.Integration.Tests.Sdk;
using Nuage.Testing;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// DESIGN.md invariants 1-3 for the encrypted write path: the kill -9 load of KillNineTests (16 writers, inline and
/// blob-backed sizes) into a bucket whose default encryption is AES256, so every PUT goes through the encrypting blob
/// writer and the sealed inline rows. After each restart every acknowledged object decrypts to its exact bytes, and
/// the startup sweep leaves no temporary file and no orphan blob.
/// </summary>
public sealed class EncryptedKillNineTests(ITestOutputHelper output)
{
    private const int Rounds = 2;
    private const int Writers = 16;
    private const string Bucket = "durability-kill9-sse";

    [Fact]
    public async Task Kill_9_mid_encrypted_load_loses_no_acknowledged_put()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        var ledger = new PutLedger();
        NuageProcess? server = await NuageProcess.StartAsync(data);
        try
        {
            using (var http = new SignedHttpClient(server.Endpoint))
            {
                Assert.Equal(HttpStatusCode.OK, await http.CreateBucketAsync(Bucket));
            }

            var configured = await RawS3.SendSignedAsync(server.Endpoint, HttpMethod.Put, "/" + Bucket, [("encryption", "")],
                "<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>AES256</SSEAlgorithm></ApplyServerSideEncryptionByDefault></Rule></ServerSideEncryptionConfiguration>"u8.ToArray());
            Assert.Equal(HttpStatusCode.OK, configured.StatusCode);

            for (var round = 1; round <= Rounds; round++)
            {
                var load = new PutLoad(server.Endpoint, Bucket, $"round{round}", Writers, ledger, acknowledgementsBeforeSignal: 24 + (8 * round));
                var running = load.RunAsync();
                await load.Threshold.WaitAsync(TimeSpan.FromSeconds(90));
                await server.KillAsync();
                await running.WaitAsync(TimeSpan.FromSeconds(60));
                server.AssertNoErrors();
                await server.DisposeAsync();
                server = null;

                Assert.True(ledger.Unexpected.IsEmpty, "PUTs answered wrongly before the kill:\n" + string.Join('\n', ledger.Unexpected));
                Assert.True(load.FailedRequests > 0, "The kill interrupted no PUT: the load was not running.");

                server = await NuageProcess.StartAsync(data);
                var leftovers = BlobTempFiles.List(data);
                Assert.True(leftovers.Count == 0, $"Round {round}: the startup sweep left {leftovers.Count} temporary file(s):\n" + string.Join('\n', leftovers));

                var failures = await ledger.VerifyAsync(server.Endpoint, Bucket);
                output.WriteLine($"round {round}: {load.AcknowledgedCount} encrypted PUTs acknowledged, {load.FailedRequests} cut by the kill; "
                    + $"{ledger.Acknowledged.Count} of {ledger.Attempted.Count} objects now readable");
                Assert.True(failures.Count == 0, $"Round {round}, after restart:\n" + string.Join('\n', failures));

                var blobs = BlobTempFiles.CountCommittedBlobs(data);
                var blobBacked = ledger.Acknowledged.Values.Count(p => p.Bytes.Length > Payload.InlineLimit);
                Assert.True(blobs == blobBacked, $"Round {round}: {blobs} blob files on disk for {blobBacked} readable blob-backed objects after the startup sweep.");
            }

            // Every object was written encrypted: HEAD says so.
            using var s3 = server.CreateS3Client();
            foreach (var key in ledger.Acknowledged.Keys.Take(20))
            {
                Assert.Equal(Amazon.S3.ServerSideEncryptionMethod.AES256, (await s3.GetObjectMetadataAsync(Bucket, key)).ServerSideEncryptionMethod);
            }

            server.AssertNoErrors();
        }
        finally
        {
            if (server is not null)
            {
                await server.DisposeAsync();
            }
        }
    }
}
