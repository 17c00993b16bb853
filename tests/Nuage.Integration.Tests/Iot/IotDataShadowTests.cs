using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// The Device Shadow REST API (iotdata) with boto3's iot-data client (Scripts/boto3_iot_shadows.py), while an MQTT
/// subscriber of the same account watches: an update made over HTTP is published on /update/delta as AWS does, and an
/// HTTP error is answered, never published on /rejected ("Device Shadow error messages").
/// </summary>
public sealed class IotDataShadowTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>, IDisposable
{
    private readonly TempDirectory _home = new("nuage-boto3-iot-");

    [Fact]
    public async Task Boto3_iot_data_script_passes_every_check_and_its_update_reaches_MQTT_subscribers()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "iotdata-a");
        var b = await IotKeys.NewAccountAsync(fixture, "iotdata-b");
        var reader = await a.NewUserAsync(fixture, "shadow-reader", IotKeys.Allow(("iot:GetThingShadow", $"arn:aws:iot:*:{a.AccountId}:thing/*")));
        await using var watcher = await MqttTestClient.ConnectOkAsync(fixture, a);
        await watcher.SubscribeOkAsync("$aws/things/http-thing/shadow/update/delta");
        await watcher.SubscribeOkAsync("$aws/things/http-thing/shadow/update/rejected");
        await using var watcherB = await MqttTestClient.ConnectOkAsync(fixture, b);
        await watcherB.SubscribeOkAsync("$aws/things/#");

        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "boto3_iot_shadows.py");
        var result = await ChildProcess.RunAsync(
            ChildProcess.Find("/usr/bin/python3", "python3"),
            [script],
            new Dictionary<string, string?>
            {
                ["HOME"] = _home.Path,
                ["AWS_CONFIG_FILE"] = Path.Combine(_home.Path, "config-none"),
                ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(_home.Path, "credentials-none"),
                ["AWS_ACCESS_KEY_ID"] = a.AccessKeyId,
                ["AWS_SECRET_ACCESS_KEY"] = a.Secret,
                ["NUAGE_B_KEY"] = b.AccessKeyId,
                ["NUAGE_B_SECRET"] = b.Secret,
                ["NUAGE_READER_KEY"] = reader.AccessKeyId,
                ["NUAGE_READER_SECRET"] = reader.Secret,
                ["AWS_DEFAULT_REGION"] = "us-east-1",
                ["AWS_EC2_METADATA_DISABLED"] = "true",
                ["NO_PROXY"] = "127.0.0.1",
                ["PYTHONUTF8"] = "1",
                ["PYTHONDONTWRITEBYTECODE"] = "1",
                ["NUAGE_ENDPOINT"] = fixture.Endpoint.ToString().TrimEnd('/'),
            },
            timeout: TimeSpan.FromSeconds(150));
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("checks passed", result.StandardOutput, StringComparison.Ordinal);

        // Exactly one delta: the desired update; the 409 and the 400s published nothing on /rejected.
        var delta = await watcher.NextOnAsync("$aws/things/http-thing/shadow/update/delta");
        Assert.Equal("from-http", (string)delta["clientToken"]!);
        Assert.Equal(2, (int)delta["state"]!["fan"]!["speed"]!);
        await watcher.AssertNothingElseArrivesAsync();
        await watcherB.AssertNothingElseArrivesAsync();
    }

    [Fact]
    public async Task A_bucket_named_things_stays_S3s_when_signed_for_s3()
    {
        // DESIGN.md: the credential scope's service picks the door, so /things/x/shadow signed for s3 is an object.
        using var s3 = fixture.CreateS3Client();
        await s3.PutBucketAsync("things");
        await s3.PutObjectAsync(new Amazon.S3.Model.PutObjectRequest { BucketName = "things", Key = "x/shadow", ContentBody = "an object" });
        using var got = await s3.GetObjectAsync("things", "x/shadow");
        using var reader = new StreamReader(got.ResponseStream);
        Assert.Equal("an object", await reader.ReadToEndAsync());
        await s3.DeleteObjectAsync("things", "x/shadow");
        await s3.DeleteBucketAsync("things");
    }

    public void Dispose() => _home.Dispose();
}
