using Microsoft.Extensions.Logging;
using MQTTnet.Protocol;
using MQTTnet.Server;
using Nuage.Iot.Identity;
using Nuage.Iot.Registry;

namespace Nuage.Mqtt.Handlers;

/// <summary>
/// Closes the open connections whose credential stopped being valid, as soon as the change is committed:
/// <list type="bullet">
/// <item>devices whose credential was disabled, rotated out or deleted, or whose thing was deleted (the registry's
/// changes, docs/iot-devices.md "Rights");</item>
/// <item>applications whose access key was deactivated or deleted, whose user was deleted, and devices and applications
/// of a deleted account (the identity directory's changes, made here or copied from the control region).</item>
/// </list>
/// AWS IoT does the same for a certificate moved out of ACTIVE ("AWS IoT disconnects all devices that used that
/// certificate to connect", UpdateCertificate). Every action of such a connection is refused anyway
/// (IotAuthorizationService checks the credential before each decision, deliveries included); closing it also stops it
/// holding a session. MQTT 5 clients get DISCONNECT 0x87 Not authorized (MQTT 5 §3.14.2.1); MQTT 3.1.1 has no server
/// DISCONNECT, so the connection just closes.
/// </summary>
public sealed class RevokedCredentialHandler(
    IotRegistry registry, IotAuthenticationService authentication, ConnectedClients clients, ILogger<RevokedCredentialHandler> logger)
{
    /// <summary>How long one wait for an identity change lasts before it is asked again (only bounds an idle loop).</summary>
    private static readonly TimeSpan IdentityWait = TimeSpan.FromMinutes(1);

    // One sweep at a time: two at once (a registry change and an identity change together) would close a connection twice.
    private readonly SemaphoreSlim _sweeping = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private Func<string, MqttServerClientDisconnectOptions, Task>? _disconnect;
    private Task _watching = Task.CompletedTask;

    public void Bind(Func<string, MqttServerClientDisconnectOptions, Task> disconnect)
    {
        _disconnect = disconnect;
        registry.Changed += () => _ = Task.Run(SweepAsync);
    }

    /// <summary>Starts following the identity directory (the broker calls it once it accepts connections).</summary>
    public void Start() => _watching = Task.Run(() => WatchIdentitiesAsync(_stopping.Token));

    public async Task StopAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        try
        {
            await _watching.ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            // Stopped while waiting for the next change.
        }
    }

    private async Task WatchIdentitiesAsync(CancellationToken stopping)
    {
        var seen = authentication.IdentityVersion;
        while (!stopping.IsCancellationRequested)
        {
            var version = await authentication.WaitForIdentityChangeAsync(seen, IdentityWait, stopping).ConfigureAwait(false);
            if (version != seen)
            {
                seen = version;
                await SweepAsync().ConfigureAwait(false);
            }
        }
    }

    private static async Task CloseAsync(Func<string, MqttServerClientDisconnectOptions, Task> disconnect, string brokerClientId)
    {
        try
        {
            await disconnect(brokerClientId, new MqttServerClientDisconnectOptions
            {
                ReasonCode = MqttDisconnectReasonCode.NotAuthorized,
                ReasonString = "The credential this connection was opened with is no longer active.",
            }).ConfigureAwait(false);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            // The client left already, or the broker is stopping: nothing is left to close.
        }
    }

    /// <summary>
    /// One sweep; a failure (the registry's store unreachable) is logged and the next change sweeps again. Until then
    /// the connections it missed are still refused every action.
    /// </summary>
    private async Task SweepAsync()
    {
        try
        {
            await CloseRevokedAsync().ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Connections whose credential was revoked could not all be closed");
        }
    }

    private async Task CloseRevokedAsync()
    {
        if (_disconnect is not { } disconnect)
        {
            return;
        }

        await _sweeping.WaitAsync().ConfigureAwait(false);
        try
        {
            var closing = new List<Task>();
            foreach (var (brokerClientId, connection) in clients.All.ToList())
            {
                if (!await authentication.IsStillValidAsync(connection.Identity, CancellationToken.None).ConfigureAwait(false))
                {
                    closing.Add(CloseAsync(disconnect, brokerClientId));
                }
            }

            // All at once: each close waits for its client to read the DISCONNECT (Channels/ServerDisconnectDelivery,
            // at most a second), which one after another would add up for an account's many devices.
            await Task.WhenAll(closing).ConfigureAwait(false);
        }
        finally
        {
            _sweeping.Release();
        }
    }
}
