namespace Nuage.Iam.Sessions;

/// <summary>The answer to AssumeRole: the credentials and the session's identity ("AssumedRoleUser": Arn, AssumedRoleId = ROLEID:SESSION).</summary>
public sealed record AssumedRoleSession(TemporaryCredentials Credentials, string Arn, string AssumedRoleId);
