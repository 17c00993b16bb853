namespace Nuage.Iam;

/// <summary>Why an access key (and session token) did not resolve to a credential.</summary>
public enum CredentialFailure
{
    /// <summary>It resolved.</summary>
    None,

    /// <summary>No active key has that id (S3: InvalidAccessKeyId; IAM/STS: InvalidClientTokenId).</summary>
    UnknownKey,

    /// <summary>A temporary key whose session token is garbled, forged, or not this key's (S3: InvalidToken).</summary>
    InvalidToken,

    /// <summary>A temporary key whose session has expired (ExpiredToken).</summary>
    ExpiredToken,
}
