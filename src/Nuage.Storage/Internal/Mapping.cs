namespace Nuage.Storage.Internal;

using Nuage.Metadata;
using Nuage.Storage.Objects;

/// <summary>Conversions between the store's rows and the service contract's records.</summary>
internal static class Mapping
{
    public static StoredAttributes ToStored(ObjectAttributes a) =>
        new(a.ContentType, a.ContentEncoding, a.ContentDisposition, a.ContentLanguage, a.CacheControl, a.Expires, a.UserMetadata);

    public static ObjectAttributes ToContract(StoredAttributes a) =>
        ReferenceEquals(a, StoredAttributes.Empty)
            ? ObjectAttributes.Empty
            : new(a.ContentType, a.ContentEncoding, a.ContentDisposition, a.ContentLanguage, a.CacheControl, a.Expires, a.UserMetadata);

    public static StoredChecksum? ToStored(ObjectChecksum? c) =>
        c is null ? null : new StoredChecksum(ChecksumAlgorithmNames.Name(c.Algorithm), c.Value, c.IsComposite);

    public static ObjectChecksum? ToContract(StoredChecksum? c) =>
        c is null ? null : new ObjectChecksum(ChecksumAlgorithmNames.Parse(c.Algorithm), c.Value, c.IsComposite);

    /// <summary>
    /// The contract record of a row. PartSizes comes from the manifest, which head reads carry anyway, so HEAD and
    /// GET get part boundaries without another query; rows written before schema 002 have them too.
    /// </summary>
    public static ObjectInfo ToInfo(ObjectRow row) =>
        new(row.Bucket, row.Key, row.VersionId, row.Size, row.ETag, row.LastModified, ToContract(row.Attributes),
            ToContract(row.Checksum), row.PartsCount, row.Owner, row.OriginRegion)
        {
            PartSizes = ManifestPartSizes.Of(row),
            PartChecksums = ManifestPartSizes.ChecksumsOf(row),
            Tags = row.Tags,
            Encryption = Nuage.Storage.Encryption.EncryptionKeys.ModeOf(row.Encryption),
            Kms = Nuage.Storage.Encryption.EncryptionKeys.KmsInfoOf(row.Encryption),
        };
}
