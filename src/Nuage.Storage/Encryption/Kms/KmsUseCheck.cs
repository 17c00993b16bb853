namespace Nuage.Storage.Encryption.Kms;

/// <summary>
/// Asked before storage decrypts anything under an SSE-KMS key on a caller's behalf (a copy's source, an upload's
/// parts), after the version or upload is known and before a byte is read: the S3 door's kms:Decrypt check. Throws
/// to refuse.
/// </summary>
public delegate ValueTask KmsUseCheck(KmsEncryptionInfo kms, CancellationToken cancellationToken);
