using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using MQTTnet;
using MQTTnet.Formatter;
using Nuage.Integration.Tests.Access;
using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// MQTT over TLS (--mqtt-tls-listen, docs/iot.md "TLS") and X.509 device certificates (docs/iot-devices.md
/// "Certificates") against the real server: applications and token devices connect over TLS as over TCP; a device
/// with a registered, active certificate connects as its thing with no password, and no other certificate does.
/// </summary>
public sealed class MqttTlsTests(MqttTlsFixture fixture) : IClassFixture<MqttTlsFixture>
{
    [Fact]
    public async Task Applications_and_token_devices_connect_over_tls_and_the_plain_listener_still_works()
    {
        var keys = await IotKeys.NewAccountAsync(fixture, "tls-app");
        var lamp = await IotDevice.RegisterAsync(fixture, keys.Account!, "lamp-tls");

        await using var application = await fixture.ConnectAsync(keys, null, "app-1");
        Assert.Equal(MqttClientConnectResultCode.Success, application.ConnectResult.ResultCode);
        await application.SubscribeOkAsync("things/lamp-tls/#");

        await using var device = await fixture.ConnectAsync(lamp.Keys, null, "lamp-tls", MqttProtocolVersion.V311);
        Assert.Equal(MqttClientConnectResultCode.Success, device.ConnectResult.ResultCode);
        Assert.True((await device.PublishAsync("things/lamp-tls/state", "over-tls")).IsSuccess);
        Assert.Equal(new ReceivedMessage("things/lamp-tls/state", "over-tls", false, 1), await application.NextAsync());

        // The plain TCP listener beside it serves the same broker.
        await using var plain = await MqttTestClient.ConnectOkAsync(fixture, keys, clientId: "app-plain");
        Assert.True((await plain.PublishAsync("things/lamp-tls/state", "over-tcp")).IsSuccess);
        Assert.Equal(new ReceivedMessage("things/lamp-tls/state", "over-tcp", false, 1), await application.NextAsync());

        // A client whose TLS library sends some certificate of its own is still judged by its user name and password.
        using (var unrelated = TestCertificates.Device("whatever"))
        {
            await using var withCertificate = await fixture.ConnectAsync(keys, unrelated, "app-2");
            Assert.Equal(MqttClientConnectResultCode.Success, withCertificate.ConnectResult.ResultCode);
        }

        // A wrong token is still 0x86 over TLS.
        await using var wrong = await fixture.ConnectAsync(lamp.Keys with { Secret = "x" + lamp.Token }, null, "lamp-tls");
        Assert.Equal(MqttClientConnectResultCode.BadUserNameOrPassword, wrong.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task A_device_with_its_registered_certificate_connects_as_its_thing_without_a_password()
    {
        var account = await TestAccount.CreateAsync(fixture, "tls-cert");
        var other = await IotKeys.NewAccountAsync(fixture, "tls-cert-other");
        var sensor = await RegisterThingWithCertificateAsync(account, "sensor-1");
        var id = Convert.ToHexStringLower(SHA256.HashData(sensor.Certificate.RawData));
        Assert.Equal(id, sensor.CertificateId);

        // Listed with the thing's credentials, as a certificate, with AWS IoT's ARN for it.
        using (var admin = account.Admin(fixture))
        {
            var listed = (await admin.GetAsync($"/api/iot/accounts/{account.Name}/things/sensor-1/credentials")).Expect(HttpStatusCode.OK);
            var entry = Assert.Single(listed.Json.GetProperty("credentials").EnumerateArray());
            Assert.Equal(id, entry.GetProperty("credentialId").GetString());
            Assert.Equal("certificate", entry.GetProperty("kind").GetString());
            Assert.Equal("Active", entry.GetProperty("status").GetString());
            Assert.EndsWith($":{account.Id}:cert/{id}", entry.GetProperty("certificateArn").GetString(), StringComparison.Ordinal);
        }

        await using var outsider = await fixture.ConnectAsync(other, null, "outsider");
        await outsider.SubscribeOkAsync("#");

        foreach (var version in new[] { MqttProtocolVersion.V500, MqttProtocolVersion.V311 })
        {
            await using var device = await fixture.ConnectAsync(null, sensor.Certificate, "sensor-1", version);
            Assert.Equal(MqttClientConnectResultCode.Success, device.ConnectResult.ResultCode);
            await device.SubscribeOkAsync("things/sensor-1/#");
            Assert.True((await device.PublishAsync("things/sensor-1/temp", "21.5")).IsSuccess);
            Assert.Equal(new ReceivedMessage("things/sensor-1/temp", "21.5", false, 1), await device.NextAsync());

            if (version == MqttProtocolVersion.V500)
            {
                // DeviceRights as for a token device: its own topics only (MQTT 5 has the reason codes to say so).
                Assert.Equal(MqttClientPublishReasonCode.NotAuthorized, (await device.PublishAsync("things/sensor-2/temp", "forged")).ReasonCode);
                Assert.Equal(MqttClientSubscribeResultCode.NotAuthorized, await device.SubscribeAsync("#"));
            }
        }

        // Another account's '#' saw none of it.
        await outsider.AssertNothingElseArrivesAsync();

        // The certificate names the thing: another client id is not authorized (MQTT 5 0x87, 3.1.1 0x05).
        await using var impostor = await fixture.ConnectAsync(null, sensor.Certificate, "sensor-2");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, impostor.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task Unknown_and_expired_certificates_and_none_at_all_are_not_authorized()
    {
        var account = await TestAccount.CreateAsync(fixture, "tls-refused");
        using var unknown = TestCertificates.Device("ghost");
        foreach (var version in new[] { MqttProtocolVersion.V500, MqttProtocolVersion.V311 })
        {
            await using var refused = await fixture.ConnectAsync(null, unknown, "ghost", version);
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, refused.ConnectResult.ResultCode);
        }

        using var expired = TestCertificates.Device("old-1", DateTimeOffset.UtcNow.AddDays(-30), DateTimeOffset.UtcNow.AddDays(-1));
        await RegisterThingWithCertificateAsync(account, "old-1", expired);
        await using (var tooOld = await fixture.ConnectAsync(null, expired, "old-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, tooOld.ConnectResult.ResultCode);
        }

        await using var anonymous = await fixture.ConnectAsync(null, null, "old-1");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, anonymous.ConnectResult.ResultCode);
    }

    [Fact]
    public async Task Disabling_or_deleting_a_certificate_closes_its_connection_and_refuses_the_next()
    {
        var account = await TestAccount.CreateAsync(fixture, "tls-revoke");
        var meter = await RegisterThingWithCertificateAsync(account, "meter-1");
        using var admin = account.Admin(fixture);
        var byId = $"/api/iot/accounts/{account.Name}/credentials/{meter.CertificateId}";

        var open = await fixture.ConnectAsync(null, meter.Certificate, "meter-1");
        await using (open)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, open.ConnectResult.ResultCode);
            var disabled = (await admin.PostAsync(byId + "/disable")).Expect(HttpStatusCode.OK);
            Assert.Equal("Inactive", disabled.String("status"));
            await AssertClosedAsync(open);
        }

        await using (var again = await fixture.ConnectAsync(null, meter.Certificate, "meter-1", MqttProtocolVersion.V311))
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, again.ConnectResult.ResultCode);
        }

        (await admin.PostAsync(byId + "/enable")).Expect(HttpStatusCode.OK);
        var reopened = await fixture.ConnectAsync(null, meter.Certificate, "meter-1");
        await using (reopened)
        {
            Assert.Equal(MqttClientConnectResultCode.Success, reopened.ConnectResult.ResultCode);
            (await admin.DeleteAsync(byId)).Expect(HttpStatusCode.NoContent);
            await AssertClosedAsync(reopened);
        }

        await using var gone = await fixture.ConnectAsync(null, meter.Certificate, "meter-1");
        Assert.Equal(MqttClientConnectResultCode.NotAuthorized, gone.ConnectResult.ResultCode);
        (await admin.PostAsync(byId + "/enable")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task The_admin_api_refuses_bad_duplicate_and_foreign_certificates()
    {
        var account = await TestAccount.CreateAsync(fixture, "tls-admin");
        var other = await TestAccount.CreateAsync(fixture, "tls-admin-other");
        var valve = await RegisterThingWithCertificateAsync(account, "valve-1");
        using var admin = account.Admin(fixture);
        var certificates = $"/api/iot/accounts/{account.Name}/things/valve-1/certificates";

        (await admin.PostAsync(certificates, new { certificatePem = "not a certificate" })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync(certificates, new { })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        var withKey = TestCertificates.CertificatePem(valve.Certificate) + TestCertificates.KeyPem(valve.Certificate);
        (await admin.PostAsync(certificates, new { certificatePem = withKey })).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");
        (await admin.PostAsync(certificates, new { certificatePem = TestCertificates.CertificatePem(valve.Certificate) })).ExpectError(HttpStatusCode.Conflict, "EntityAlreadyExists");
        (await admin.PostAsync($"/api/iot/accounts/{account.Name}/things/missing/certificates", new { certificatePem = TestCertificates.CertificatePem(valve.Certificate) }))
            .ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await admin.PostAsync($"/api/iot/accounts/{account.Name}/credentials/{valve.CertificateId}/rotate")).ExpectError(HttpStatusCode.BadRequest, "InvalidInput");

        var listed = (await admin.GetAsync(certificates)).Expect(HttpStatusCode.OK);
        var pem = Assert.Single(listed.Json.GetProperty("certificates").EnumerateArray()).GetProperty("certificatePem").GetString()!;
        Assert.Equal(valve.CertificateId, Convert.ToHexStringLower(SHA256.HashData(X509Certificate2.CreateFromPem(pem).RawData)));

        // Another account neither sees nor manages it: missing, not someone else's.
        using var intruder = other.Admin(fixture);
        (await intruder.PostAsync($"/api/iot/accounts/{other.Name}/credentials/{valve.CertificateId}/disable")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await intruder.DeleteAsync($"/api/iot/accounts/{other.Name}/credentials/{valve.CertificateId}")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
        (await intruder.GetAsync(certificates)).ExpectError(HttpStatusCode.Forbidden, "AccessDenied");

        // Deleting the thing deletes its certificate.
        (await admin.DeleteAsync($"/api/iot/accounts/{account.Name}/things/valve-1")).Expect(HttpStatusCode.NoContent);
        (await admin.PostAsync($"/api/iot/accounts/{account.Name}/credentials/{valve.CertificateId}/disable")).ExpectError(HttpStatusCode.NotFound, "NoSuchEntity");
    }

    [Fact]
    public async Task Mosquitto_clients_connect_over_tls_with_a_device_certificate_and_with_keys()
    {
        ChildProcess.Require("mosquitto_pub", "install it with `sudo apt-get install -y mosquitto-clients`");
        var keys = await IotKeys.NewAccountAsync(fixture, "tls-mosq");
        var pump = await RegisterThingWithCertificateAsync(keys.Account!, "pump-7");
        var (certificatePath, keyPath) = TestCertificates.WritePem(pump.Certificate, fixture.Files.Path, "pump-7-" + Guid.NewGuid().ToString("N")[..6]);
        string[] tls = ["-h", "127.0.0.1", "-p", fixture.MqttTlsEndpoint.Port.ToString(CultureInfo.InvariantCulture), "--cafile", fixture.ServerCertificatePath];
        string[] asDevice = [.. tls, "--cert", certificatePath, "--key", keyPath, "-i", "pump-7"];

        await using var application = await fixture.ConnectAsync(keys, null, "mosq-app");
        await application.SubscribeOkAsync("things/pump-7/#");

        // The device publishes with its certificate (MQTT 5 and 3.1.1), the application receives.
        (await ChildProcess.RunAsync("mosquitto_pub", [.. asDevice, "-V", "mqttv5", "-q", "1", "-t", "things/pump-7/state", "-m", "on"], timeout: TimeSpan.FromSeconds(20))).AssertSuccess();
        Assert.Equal(new ReceivedMessage("things/pump-7/state", "on", false, 1), await application.NextAsync());
        (await ChildProcess.RunAsync("mosquitto_pub", [.. asDevice, "-V", "mqttv311", "-q", "1", "-t", "things/pump-7/state", "-m", "off"], timeout: TimeSpan.FromSeconds(20))).AssertSuccess();
        Assert.Equal(new ReceivedMessage("things/pump-7/state", "off", false, 1), await application.NextAsync());

        // The application, with its key over TLS, leaves a retained command; the device's mosquitto_sub reads it.
        (await ChildProcess.RunAsync("mosquitto_pub", [.. tls, "-u", keys.AccessKeyId, "-P", keys.Secret, "-q", "1", "-r", "-t", "things/pump-7/cmd", "-m", "start"],
            timeout: TimeSpan.FromSeconds(20))).AssertSuccess();
        var received = await ChildProcess.RunAsync("mosquitto_sub", [.. asDevice, "-t", "things/pump-7/cmd", "-C", "1", "-W", "10", "-v"], timeout: TimeSpan.FromSeconds(20));
        received.AssertSuccess();
        Assert.Equal("things/pump-7/cmd start", received.StandardOutput.Trim());

        // An unregistered certificate: mosquitto reports the refusal (3.1.1 0x05 not authorised) and fails.
        using var stranger = TestCertificates.Device("pump-7");
        var (strangerCertificate, strangerKey) = TestCertificates.WritePem(stranger, fixture.Files.Path, "stranger-" + Guid.NewGuid().ToString("N")[..6]);
        var refused = await ChildProcess.RunAsync("mosquitto_pub", [.. tls, "--cert", strangerCertificate, "--key", strangerKey, "-i", "pump-7", "-V", "mqttv311", "-t", "things/pump-7/state", "-m", "x"],
            timeout: TimeSpan.FromSeconds(20));
        refused.Assert(refused.ExitCode != 0 && refused.Output.Contains("not authori", StringComparison.OrdinalIgnoreCase), "refuses the unregistered certificate as not authorised");
    }

    [Fact]
    public async Task The_cli_registers_lists_disables_and_deletes_a_certificate_the_device_connects_with()
    {
        var account = "cli-cert-" + Guid.NewGuid().ToString("N")[..8];
        (await AdminAsync("account", "create", account)).AssertSuccess();
        (await AdminAsync("iot", "things", "create", "gate-1", "--account", account)).AssertSuccess();
        using var certificate = TestCertificates.Device("gate-1");
        var (certificatePath, _) = TestCertificates.WritePem(certificate, fixture.Files.Path, "gate-1-" + Guid.NewGuid().ToString("N")[..6]);

        var registered = (await AdminAsync("iot", "credentials", "register-certificate", "gate-1", certificatePath, "--account", account, "-o", "json")).AssertSuccess();
        using var answer = JsonDocument.Parse(registered.StandardOutput);
        var id = answer.RootElement.GetProperty("certificateId").GetString()!;
        Assert.Equal(Convert.ToHexStringLower(SHA256.HashData(certificate.RawData)), id);
        var listed = (await AdminAsync("iot", "credentials", "list", "gate-1", "--account", account)).AssertSuccess();
        listed.Assert(listed.StandardOutput.Contains(id, StringComparison.Ordinal) && listed.StandardOutput.Contains("certificate", StringComparison.Ordinal), "lists the certificate as a credential");

        await using (var device = await fixture.ConnectAsync(null, certificate, "gate-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.Success, device.ConnectResult.ResultCode);
        }

        (await AdminAsync("iot", "credentials", "disable", id, "--account", account)).AssertSuccess();
        await using (var disabled = await fixture.ConnectAsync(null, certificate, "gate-1"))
        {
            Assert.Equal(MqttClientConnectResultCode.NotAuthorized, disabled.ConnectResult.ResultCode);
        }

        (await AdminAsync("iot", "credentials", "delete", id, "--account", account)).AssertSuccess();
        var missing = await AdminAsync("iot", "credentials", "enable", id, "--account", account);
        Assert.Equal(1, missing.ExitCode);
        Assert.StartsWith("nuage admin: NoSuchEntity:", missing.StandardError.Trim(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tls_certificate_without_its_key_or_files_that_hold_none_stop_the_server_at_start()
    {
        using var data = new TempDirectory();
        var garbage = Path.Combine(fixture.Files.Path, "garbage-" + Guid.NewGuid().ToString("N")[..6] + ".pem");
        await File.WriteAllTextAsync(garbage, "not a certificate");
        string[] server = ["server", "--data", data.Path, "--listen", "127.0.0.1:0", "--console-listen", "127.0.0.1:0", "--mqtt-listen", "127.0.0.1:0"];

        var noKey = await RunServerAsync([.. server, "--mqtt-tls-certificate", fixture.ServerCertificatePath]);
        noKey.Assert(noKey.ExitCode == 2 && noKey.Output.Contains("--mqtt-tls-key", StringComparison.Ordinal), "refuses a certificate without its key");
        var noCertificate = await RunServerAsync([.. server, "--mqtt-tls-listen", "127.0.0.1:0"]);
        noCertificate.Assert(noCertificate.ExitCode == 2 && noCertificate.Output.Contains("need --mqtt-tls-certificate", StringComparison.Ordinal), "refuses a TLS listener without a certificate");
        var unreadable = await RunServerAsync([.. server, "--mqtt-tls-certificate", garbage, "--mqtt-tls-key", garbage]);
        unreadable.Assert(unreadable.ExitCode == 2 && unreadable.Output.Contains("cannot read a certificate", StringComparison.Ordinal), "refuses files that hold no certificate");
    }

    [Fact]
    public async Task Tls_1_2_and_1_3_are_accepted_and_tls_1_1_is_refused_by_the_server()
    {
        ChildProcess.Require("openssl", "install it with `sudo apt-get install -y openssl`");
        string[] connect = ["s_client", "-connect", $"127.0.0.1:{fixture.MqttTlsEndpoint.Port.ToString(CultureInfo.InvariantCulture)}", "-CAfile", fixture.ServerCertificatePath];
        foreach (var (flag, protocol) in new[] { ("-tls1_2", "TLSv1.2"), ("-tls1_3", "TLSv1.3") })
        {
            var accepted = await ChildProcess.RunAsync("openssl", [.. connect, flag], timeout: TimeSpan.FromSeconds(20));
            accepted.Assert(accepted.Output.Contains("Protocol  : " + protocol, StringComparison.Ordinal) || accepted.Output.Contains("New, " + protocol, StringComparison.Ordinal),
                $"negotiates {protocol}");
            accepted.Assert(accepted.Output.Contains("Verify return code: 0 (ok)", StringComparison.Ordinal), "presents the configured certificate");
        }

        // The alert comes from the server: a client that refused TLS 1.1 itself would say "no protocols available".
        var refused = await ChildProcess.RunAsync("openssl", [.. connect, "-tls1_1"], timeout: TimeSpan.FromSeconds(20));
        refused.Assert(refused.ExitCode != 0 && refused.Output.Contains("alert protocol version", StringComparison.Ordinal), "the server refuses TLS 1.1 with a protocol_version alert");
    }

    private static Task<ChildResult> RunServerAsync(string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, .. arguments], timeout: TimeSpan.FromSeconds(60), isolate: false);

    private Task<ChildResult> AdminAsync(params string[] arguments) =>
        ChildProcess.RunAsync("dotnet", [RepositoryPaths.ServerDll, "admin", .. arguments], new Dictionary<string, string?>
        {
            ["NUAGE_ADMIN_ENDPOINT"] = fixture.ConsoleEndpoint.ToString(),
            ["NUAGE_ACCESS_KEY"] = NuageProcess.AccessKey,
            ["NUAGE_SECRET_KEY"] = NuageProcess.SecretKey,
        });

    /// <summary>Creates a thing and registers <paramref name="certificate"/> (or a new one) for it through the admin API.</summary>
    private async Task<(X509Certificate2 Certificate, string CertificateId)> RegisterThingWithCertificateAsync(TestAccount account, string thing, X509Certificate2? certificate = null)
    {
        certificate ??= TestCertificates.Device(thing);
        using var admin = account.Admin(fixture);
        (await admin.PostAsync($"/api/iot/accounts/{account.Name}/things", new { thingName = thing })).Expect(HttpStatusCode.Created);
        var registered = (await admin.PostAsync($"/api/iot/accounts/{account.Name}/things/{thing}/certificates", new { certificatePem = TestCertificates.CertificatePem(certificate) }))
            .Expect(HttpStatusCode.Created);
        Assert.Equal(thing, registered.String("thingName"));
        return (certificate, registered.String("certificateId"));
    }

    /// <summary>The broker closes the connection (DISCONNECT 0x87 under MQTT 5) within the client's timeout.</summary>
    private static async Task AssertClosedAsync(MqttTestClient client)
    {
        var deadline = DateTime.UtcNow + MqttTestClient.Timeout;
        while (client.IsConnected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }

        Assert.False(client.IsConnected, "the broker kept the revoked certificate's connection open");
    }
}
