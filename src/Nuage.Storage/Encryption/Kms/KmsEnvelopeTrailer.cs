namespace Nuage.Storage.Encryption.Kms;

using System.Buffers.Binary;
using System.Text;

/// <summary>
/// The part of an SSE-KMS envelope after the wrapped data key: material version (4, big-endian) | flags (1; bit 0:
/// S3 Bucket Key) | key ARN | bucket-key scope (the bucket ARN, or empty) | encryption context (canonical JSON),
/// each string UTF-8 behind a 2-byte big-endian length. All of it is associated data of the data key's wrap
/// (<see cref="EncryptionEnvelope"/>), so an altered ARN, version or context makes the envelope fail to open: the
/// encryption context is bound to the ciphertext as AWS KMS binds it ("Encryption context", AWS KMS guide).
/// </summary>
internal sealed record KmsEnvelopeTrailer(int MaterialVersion, bool BucketKey, string KeyArn, string Scope, string ContextJson)
{
    private const byte BucketKeyFlag = 1;

    public string KeyId => KeyArn[(KeyArn.LastIndexOf('/') + 1)..];

    public byte[] Encode()
    {
        byte[] arn = Encoding.UTF8.GetBytes(KeyArn), scope = Encoding.UTF8.GetBytes(Scope), context = Encoding.UTF8.GetBytes(ContextJson);
        if (arn.Length > ushort.MaxValue || scope.Length > ushort.MaxValue || context.Length > ushort.MaxValue)
        {
            throw new ArgumentException("An SSE-KMS envelope field is too long.");
        }

        var bytes = new byte[5 + 6 + arn.Length + scope.Length + context.Length];
        BinaryPrimitives.WriteInt32BigEndian(bytes, MaterialVersion);
        bytes[4] = BucketKey ? BucketKeyFlag : (byte)0;
        int at = 5;
        foreach (var field in new[] { arn, scope, context })
        {
            BinaryPrimitives.WriteUInt16BigEndian(bytes.AsSpan(at), (ushort)field.Length);
            field.CopyTo(bytes, at + 2);
            at += 2 + field.Length;
        }

        return bytes;
    }

    public static KmsEnvelopeTrailer Decode(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length < 11)
        {
            throw Damaged();
        }

        int version = BinaryPrimitives.ReadInt32BigEndian(bytes);
        bool bucketKey = (bytes[4] & BucketKeyFlag) != 0;
        var fields = new string[3];
        int at = 5;
        for (int i = 0; i < fields.Length; i++)
        {
            if (at + 2 > bytes.Length)
            {
                throw Damaged();
            }

            int length = BinaryPrimitives.ReadUInt16BigEndian(bytes[at..]);
            if (at + 2 + length > bytes.Length)
            {
                throw Damaged();
            }

            fields[i] = Encoding.UTF8.GetString(bytes.Slice(at + 2, length));
            at += 2 + length;
        }

        return at == bytes.Length ? new(version, bucketKey, fields[0], fields[1], fields[2]) : throw Damaged();
    }

    private static StorageException Damaged() =>
        new(StorageErrorCode.DataCorrupted, "An object's SSE-KMS envelope is damaged.");
}
