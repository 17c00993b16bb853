namespace Nuage.Iam;

/// <summary>The answer of <see cref="ICredentialResolver.FindAsync(string, string?, CancellationToken)"/>: the credential, or why there is none.</summary>
public readonly record struct CredentialLookup(AccessKeyCredential? Credential, CredentialFailure Failure)
{
    public static CredentialLookup Found(AccessKeyCredential? credential) =>
        new(credential, credential is null ? CredentialFailure.UnknownKey : CredentialFailure.None);

    public static CredentialLookup Failed(CredentialFailure failure) => new(null, failure);
}
