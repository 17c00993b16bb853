using MQTTnet.Server;

namespace Nuage.Mqtt;

/// <summary>
/// One session of the broker by client id. MQTTnet's <c>GetSessionsAsync</c> builds a status object for every session
/// there is; asked once per resuming client after a restart, when every device reconnects at once, that was quadratic
/// in the number of sessions. <c>GetSessionAsync</c> finds one under MQTTnet's read lock and reports an absent one by
/// throwing InvalidOperationException ("Session with ID '…' not found").
/// </summary>
internal static class MqttSessionLookup
{
    /// <summary>The session of <paramref name="clientId"/>, or null when it has none (never connected, or gone).</summary>
    public static async Task<MqttSessionStatus?> FindSessionAsync(this MqttServer server, string clientId)
    {
        ArgumentNullException.ThrowIfNull(server);
        try
        {
            return await server.GetSessionAsync(clientId).ConfigureAwait(false);
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
