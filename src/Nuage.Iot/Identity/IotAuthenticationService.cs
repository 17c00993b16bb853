using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Nuage.Iam;
using Nuage.Iam.Identities;
using Nuage.Iot.Registry;

namespace Nuage.Iot.Identity;

/// <summary>
/// Turns MQTT credentials into an <see cref="IotIdentity"/> through the one credential resolver of the identity
/// service (DESIGN.md "Shape the core"): the user name is an access key id, the password its secret, the same pair
/// awscli signs S3 requests with. Temporary (STS) keys are refused: MQTT has no field for their session token.
/// A user name shaped as a device credential id (<see cref="DeviceTokens"/>) is a device's instead: the registry
/// checks its token and the connection acts as that thing (docs/iot-devices.md). Over TLS, a CONNECT without a password
/// from a client that presented a certificate is authenticated by that certificate (<see cref="UsesCertificate"/>).
/// </summary>
public sealed class IotAuthenticationService(ICredentialResolver credentials, IotRegistry registry, IdentityRegistry identities)
{
    public async ValueTask<AuthenticationResult> AuthenticateAsync(string? userName, ReadOnlyMemory<byte> password, bool hasPassword, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userName) || !hasPassword)
        {
            return AuthenticationResult.NoCredentials;
        }

        if (DeviceTokens.IsCredentialId(userName))
        {
            return await registry.AuthenticateAsync(userName, password, cancellationToken).ConfigureAwait(false) is { } device && AccountExists(device.AccountId)
                ? new AuthenticationResult(AuthenticationOutcome.Authenticated, device)
                : AuthenticationResult.BadCredentials;
        }

        var credential = await credentials.FindAsync(userName, cancellationToken).ConfigureAwait(false);
        if (credential is null || credential.SessionToken is not null || credential.Principal.Kind is PrincipalKind.AssumedRole)
        {
            return AuthenticationResult.BadCredentials;
        }

        // Compared in constant time, so the answer's timing tells nothing of how much of a guessed secret was right.
        var expected = Encoding.UTF8.GetBytes(credential.SecretAccessKey);
        if (!CryptographicOperations.FixedTimeEquals(expected, password.Span))
        {
            return AuthenticationResult.BadCredentials;
        }

        return new AuthenticationResult(AuthenticationOutcome.Authenticated, new ApplicationIdentity(credential.Principal));
    }

    /// <summary>
    /// The account an access key id names, before its secret is checked: the broker needs it to place the client id
    /// in that account's namespace as soon as CONNECT arrives (<see cref="Topics.ClientIdNamespace"/>). Null when no
    /// active key has this id; the CONNECT is then refused by <see cref="AuthenticateAsync"/> anyway.
    /// </summary>
    public async ValueTask<string?> AccountOfKeyAsync(string? userName, CancellationToken cancellationToken)
    {
        if (string.IsNullOrEmpty(userName))
        {
            return null;
        }

        if (DeviceTokens.IsCredentialId(userName))
        {
            return await registry.AccountOfCredentialAsync(userName, cancellationToken).ConfigureAwait(false) is { } account && AccountExists(account)
                ? account
                : null;
        }

        var credential = await credentials.FindAsync(userName, cancellationToken).ConfigureAwait(false);
        return credential?.Principal.AccountId;
    }

    /// <summary>
    /// Whether the key behind <paramref name="identity"/> still works. Checked before every decision, so a key
    /// deactivated or deleted stops an open connection's next publish, subscribe and delivery, as the S3 port refuses
    /// its next request.
    /// </summary>
    public async ValueTask<bool> IsStillValidAsync(IotIdentity identity, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(identity);
        return identity switch
        {
            ApplicationIdentity application =>
                await credentials.FindAsync(application.AccessKeyId, cancellationToken).ConfigureAwait(false) is { } current
                && current.Principal.AccountId == application.AccountId,
            DeviceIdentity device => AccountExists(device.AccountId) && await registry.IsStillValidAsync(device, cancellationToken).ConfigureAwait(false),
            _ => false,
        };
    }

    /// <summary>The identity directory's change number (accounts, users, access keys), for <see cref="WaitForIdentityChangeAsync"/>.</summary>
    public long IdentityVersion => identities.Snapshot.Version;

    /// <summary>
    /// The identity directory's change number once it differs from <paramref name="seenVersion"/> (a key deactivated or
    /// deleted, a user or an account deleted, here or copied from the control region), or after <paramref name="wait"/>
    /// whatever it is. The MQTT door then closes the connections whose identity <see cref="IsStillValidAsync"/> no longer holds.
    /// </summary>
    public async Task<long> WaitForIdentityChangeAsync(long seenVersion, TimeSpan wait, CancellationToken cancellationToken) =>
        (await identities.WaitForChangeAsync(seenVersion, wait, cancellationToken).ConfigureAwait(false)).Version;

    /// <summary>
    /// A device's account must still exist: deleting an account removes its keys in the identity store, but its
    /// registry rows live in other tables, and a device of a deleted account must not keep working.
    /// </summary>
    private bool AccountExists(string accountId) => identities.Current.Accounts.ContainsKey(accountId);

    /// <summary>
    /// Whether a CONNECT is authenticated by the client certificate of its TLS connection: it sent no password and
    /// presented a certificate. A CONNECT with a password is judged by its user name and password as on plain TCP, so
    /// token devices and applications connect over TLS too, whatever certificate their TLS library sends.
    /// </summary>
    public static bool UsesCertificate(bool hasPassword, X509Certificate2? clientCertificate) => !hasPassword && clientCertificate is not null;

    /// <summary>A CONNECT's credentials: the client certificate when <see cref="UsesCertificate"/>, else the user name and password.</summary>
    public async ValueTask<AuthenticationResult> AuthenticateAsync(
        string? userName, ReadOnlyMemory<byte> password, bool hasPassword, X509Certificate2? clientCertificate, CancellationToken cancellationToken)
    {
        if (!UsesCertificate(hasPassword, clientCertificate))
        {
            return await AuthenticateAsync(userName, password, hasPassword, cancellationToken).ConfigureAwait(false);
        }

        return await registry.AuthenticateCertificateAsync(clientCertificate!, cancellationToken).ConfigureAwait(false) is { } device && AccountExists(device.AccountId)
            ? new AuthenticationResult(AuthenticationOutcome.Authenticated, device)
            : new AuthenticationResult(AuthenticationOutcome.CertificateRefused, null);
    }

    /// <summary>The account of a CONNECT's credentials before they are checked (<see cref="AccountOfKeyAsync"/>), by certificate or by user name.</summary>
    public async ValueTask<string?> AccountOfConnectAsync(string? userName, bool hasPassword, X509Certificate2? clientCertificate, CancellationToken cancellationToken)
    {
        if (!UsesCertificate(hasPassword, clientCertificate))
        {
            return await AccountOfKeyAsync(userName, cancellationToken).ConfigureAwait(false);
        }

        return await registry.AccountOfCertificateAsync(clientCertificate!, cancellationToken).ConfigureAwait(false) is { } account && AccountExists(account)
            ? account
            : null;
    }

    /// <summary>
    /// The application an access key id names now, without its secret: for state the broker kept across a restart on
    /// behalf of a connection that authenticated then (a delayed will). Null when the key no longer exists, belongs to
    /// another account, or is temporary.
    /// </summary>
    public async ValueTask<IotIdentity?> ApplicationOfKeyAsync(string accessKeyId, string accountId, CancellationToken cancellationToken)
    {
        var credential = await credentials.FindAsync(accessKeyId, cancellationToken).ConfigureAwait(false);
        return credential is null || credential.SessionToken is not null || credential.Principal.Kind is PrincipalKind.AssumedRole
            || credential.Principal.AccountId != accountId
            ? null
            : new ApplicationIdentity(credential.Principal);
    }
}
