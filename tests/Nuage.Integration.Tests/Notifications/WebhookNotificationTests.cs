using System.Text.Json;
using Amazon.S3.Model;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Notifications;

/// <summary>
/// Webhook destinations and the event outbox: an event is written with its change and kept until delivered, so a
/// receiver that is down, a failing receiver and a kill -9 of the server lose none (issue 16: "each event sent after
/// its commit and retried until delivered (no event lost to a crash)").
/// </summary>
public sealed class WebhookNotificationTests
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task Events_written_while_the_webhook_is_down_survive_a_kill_9_and_reach_it_once_it_answers()
    {
        using var temp = new TempDirectory();
        var data = Path.Combine(temp.Path, "data");
        int port = WebhookReceiver.FreePort();
        var server = await NuageProcess.StartAsync(data);
        try
        {
            using (var s3 = server.CreateS3Client())
            {
                await s3.PutBucketAsync("hooked");
                await s3.PutBucketNotificationAsync(new PutBucketNotificationRequest
                {
                    BucketName = "hooked",
                    TopicConfigurations =
                    [
                        new TopicConfiguration
                        {
                            Id = "hook",
                            Topic = $"arn:nuage:webhook:local:000000000000:http://127.0.0.1:{port}/hook",
                            Events = [Amazon.S3.EventType.ObjectCreatedAll, Amazon.S3.EventType.ObjectRemovedAll],
                        },
                    ],
                });

                // Nothing listens on the port yet: every delivery fails and each event waits in the outbox.
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "hooked", Key = "one", ContentBody = "1" });
                await s3.PutObjectAsync(new PutObjectRequest { BucketName = "hooked", Key = "two", ContentBody = "22" });
                await s3.DeleteObjectAsync("hooked", "one");
            }

            await server.KillAsync();
            await server.DisposeAsync();

            // The receiver comes up failing its first two calls; the server restarts on the same directory.
            await using var receiver = WebhookReceiver.Start(port, failFirst: 2);
            server = await NuageProcess.StartAsync(data);
            var received = new List<(string Event, string Key)>();
            for (int i = 0; i < 3; i++)
            {
                using var document = JsonDocument.Parse(await receiver.NextAsync(Patience));
                var record = document.RootElement.GetProperty("Records")[0];
                received.Add((record.GetProperty("eventName").GetString()!, record.GetProperty("s3").GetProperty("object").GetProperty("key").GetString()!));
            }

            // Each event is retried on its own, so a refused one may arrive after a later one (S3 does not promise
            // order either; the sequencer orders the events of one key).
            Assert.Equal(
                [("ObjectCreated:Put", "one"), ("ObjectCreated:Put", "two"), ("ObjectRemoved:Delete", "one")],
                received.OrderBy(r => r.Event, StringComparer.Ordinal).ThenBy(r => r.Key, StringComparer.Ordinal));
            Assert.True(receiver.Refused >= 2, "The receiver's failures were retried.");
        }
        finally
        {
            await server.DisposeAsync();
        }
    }
}
