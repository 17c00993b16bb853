namespace Nuage.Iot.Identity;

/// <summary>The outcome of a CONNECT's credentials, with the identity when they were good.</summary>
public sealed record AuthenticationResult(AuthenticationOutcome Outcome, IotIdentity? Identity)
{
    public static readonly AuthenticationResult NoCredentials = new(AuthenticationOutcome.NoCredentials, null);

    public static readonly AuthenticationResult BadCredentials = new(AuthenticationOutcome.BadCredentials, null);
}
