namespace Nuage.Iam;

/// <summary>
/// The one place that turns an access key into a principal (DESIGN.md "Shape the core"): today the root key only;
/// IAM users and their keys replace the implementation, not the callers.
/// </summary>
public interface ICredentialResolver
{
    /// <summary>
    /// The credential for <paramref name="accessKeyId"/>, or null when no such key exists. Asynchronous because keys
    /// move into the metadata store; a resolver that holds its keys in memory completes synchronously, which keeps
    /// authentication free of allocations for them (callers check <see cref="ValueTask{T}.IsCompletedSuccessfully"/>).
    /// </summary>
    ValueTask<AccessKeyCredential?> FindAsync(string accessKeyId, CancellationToken cancellationToken);
}
