using Nuage.Testing;
using Xunit;

namespace Nuage.Integration.Tests.Iot;

/// <summary>
/// Eclipse paho for Python (the Debian package python3-paho-mqtt), one of the clients issue 16 names, runs
/// Scripts/paho_mqtt.py against the real broker: MQTT 3.1.1 and 5, QoS 0/1/2 each delivered once at its QoS, MQTT 5
/// properties unchanged, a retained message for a later subscriber, wrong secrets refused, and another account's
/// <c>#</c> seeing nothing. The Debian interpreter is used explicitly: a python3 earlier on PATH may not have paho.
/// </summary>
public sealed class PahoClientTests(NuageServerFixture fixture) : IClassFixture<NuageServerFixture>
{
    [Fact]
    public async Task Paho_script_passes_every_check()
    {
        var a = await IotKeys.NewAccountAsync(fixture, "paho-a");
        var b = await IotKeys.NewAccountAsync(fixture, "paho-b");
        var script = Path.Combine(AppContext.BaseDirectory, "Scripts", "paho_mqtt.py");
        Assert.True(File.Exists(script), $"{script} is not in the test output (Scripts/** is copied by the csproj).");
        var result = await ChildProcess.RunAsync(
            ChildProcess.Find("/usr/bin/python3", "python3"),
            [script],
            new Dictionary<string, string?>
            {
                ["NUAGE_MQTT_HOST"] = fixture.MqttEndpoint.Host,
                ["NUAGE_MQTT_PORT"] = fixture.MqttEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
                ["NUAGE_A_KEY"] = a.AccessKeyId,
                ["NUAGE_A_SECRET"] = a.Secret,
                ["NUAGE_B_KEY"] = b.AccessKeyId,
                ["NUAGE_B_SECRET"] = b.Secret,
                ["NUAGE_RUN"] = Guid.NewGuid().ToString("N")[..8],
                ["PYTHONDONTWRITEBYTECODE"] = "1",
            },
            timeout: TimeSpan.FromSeconds(120));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("checks passed", result.StandardOutput, StringComparison.Ordinal);
    }
}
