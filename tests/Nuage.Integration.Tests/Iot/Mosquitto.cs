using Nuage.Testing;

namespace Nuage.Integration.Tests.Iot;

/// <summary>Debian's mosquitto_pub and mosquitto_sub (package mosquitto-clients) against the test server's MQTT port.</summary>
internal static class Mosquitto
{
    private const string InstallHint = "install it with `sudo apt-get install -y mosquitto-clients`";

    public static Task<ChildResult> PubAsync(NuageServerFixture fixture, IotKeys? keys, string topic, string payload, params string[] options)
    {
        ChildProcess.Require("mosquitto_pub", InstallHint);
        return ChildProcess.RunAsync("mosquitto_pub", [.. Connection(fixture, keys), "-t", topic, "-m", payload, .. options], timeout: TimeSpan.FromSeconds(20));
    }

    /// <summary>Runs mosquitto_sub until it has <paramref name="count"/> messages (printed "topic payload", one a line) or 10 s passed.</summary>
    public static Task<ChildResult> SubAsync(NuageServerFixture fixture, IotKeys keys, string filter, int count, params string[] options)
    {
        ChildProcess.Require("mosquitto_sub", InstallHint);
        return ChildProcess.RunAsync(
            "mosquitto_sub", [.. Connection(fixture, keys), "-t", filter, "-C", count.ToString(System.Globalization.CultureInfo.InvariantCulture), "-W", "10", "-v", .. options],
            timeout: TimeSpan.FromSeconds(20));
    }

    private static string[] Connection(NuageServerFixture fixture, IotKeys? keys) =>
        keys is null
            ? ["-h", fixture.MqttEndpoint.Host, "-p", fixture.MqttEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture)]
            : ["-h", fixture.MqttEndpoint.Host, "-p", fixture.MqttEndpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-u", keys.AccessKeyId, "-P", keys.Secret];
}
