namespace Nuage.Iam;

/// <summary>
/// The one place that turns an access key into a principal (DESIGN.md "Shape the core"): today the root key only;
/// IAM users and their keys replace the implementation, not the callers.
/// </summary>
public interface ICredentialResolver
{
    /// <summary>The credential for <paramref name="accessKeyId"/>, or null when no such key exists.</summary>
    AccessKeyCredential? Find(string accessKeyId);
}
