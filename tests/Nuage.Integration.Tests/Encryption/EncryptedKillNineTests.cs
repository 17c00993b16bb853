using System.Net;
using Nuage.Integration.Tests.Durability;
using Nuage.Integration.Tests.Sdk;
using Xunit;
using Xunit.Abstractions;

namespace Nuage.Integration.Tests.Encryption;

/// <summary>
/// DESIGN.md invariants 1-3 for the encrypted write path: the kill -9 load of KillNineTests (16 writers, inline and
/// blob-backed sizes) into a bucket whose default encryption is AES256, so every PUT goes through the encrypting blob
/// writer and the sealed inline rows; and the same under SSE-KMS (aws:kms with an S3 Bucket Key), whose first writes
/// race to create the account's aws/s3 key, which must be durable before any write under it is acknowledged. After
/// each restart every acknowledged object decrypts to its exact bytes, and the startup sweep leaves no temporary file
/// and no orphan blob.
/// </summary>
public sealed class EncryptedKillNineTests(ITestOutputHelper output)
{
    private const int Rounds = 2;
    private const int Writers = 16;
    private const string Bucket = "durability-kill9-sse";

    [Theory]
    [InlineData("AES256", "")]
    [InlineData("aws:kms", "<BucketKeyEnabled>true</BucketKeyEnabled>")]
    public Task Kill_9_mid_encrypted_load_loses_no_acknowledged_put(string algorithm, string bucketKey) =>
        KillNineRounds.RunOnNewServerAsync(
            Bucket, Rounds, Writers, output, algorithm + " PUTs",
            configure: async server =>
            {
                var configured = await RawS3.SendSignedAsync(server.Endpoint, HttpMethod.Put, "/" + Bucket, [("encryption", "")], System.Text.Encoding.UTF8.GetBytes(
                    $"<ServerSideEncryptionConfiguration><Rule><ApplyServerSideEncryptionByDefault><SSEAlgorithm>{algorithm}</SSEAlgorithm></ApplyServerSideEncryptionByDefault>{bucketKey}</Rule></ServerSideEncryptionConfiguration>"));
                Assert.Equal(HttpStatusCode.OK, configured.StatusCode);
            },
            check: async (server, ledger) =>
            {
                // Every object was written encrypted: HEAD says so.
                using var s3 = server.CreateS3Client();
                foreach (var key in ledger.Acknowledged.Keys.Take(20))
                {
                    Assert.Equal(algorithm, (await s3.GetObjectMetadataAsync(Bucket, key)).ServerSideEncryptionMethod.Value);
                }
            });
}
