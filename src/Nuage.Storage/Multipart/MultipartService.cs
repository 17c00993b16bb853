namespace Nuage.Storage.Multipart;

using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using Nuage.Blobs;
using Nuage.Metadata;
using Nuage.Storage.Commits;
using Nuage.Storage.Encryption;
using Nuage.Storage.Encryption.Kms;
using Nuage.Storage.Internal;
using Nuage.Storage.Objects;
using Nuage.Storage.Quotas;

/// <summary>
/// Multipart uploads (AWS "Uploading and copying objects using multipart upload"). Each part is its own immutable
/// blob; completion writes one object row whose manifest lists the chosen parts' blobs, in the same transaction
/// that deletes the upload and sends unused parts to the garbage table. An encrypted upload gets one data key at
/// creation (its envelope is stored with the upload, then with the object); every part is encrypted under it, each
/// part's blob with its own derived key (<see cref="ObjectDataKey"/>), so parts never share a (key, nonce) pair
/// and completion still copies no bytes.
/// </summary>
public sealed class MultipartService : IMultipartService
{
    private const int MaxPartNumber = 10_000;

    private readonly IMetadataStore _metadata;
    private readonly IBlobStore _blobs;
    private readonly StorageOptions _options;
    private readonly ObjectOpener _opener;
    private readonly EncryptionKeys _keys;
    private readonly QuotaGuard _quotas;
    private readonly Notifications.NotificationRecorder? _events;
    private readonly Replication.ReplicationRecorder? _replication;

    public MultipartService(
        IMetadataStore metadata, IBlobStore blobs, StorageOptions options, Nuage.Telemetry.NuageMetrics? metrics = null,
        EncryptionKeys? keys = null, IStorageQuotas? quotas = null, Notifications.NotificationRecorder? events = null,
        Replication.ReplicationRecorder? replication = null)
    {
        _events = events;
        _replication = replication;
        _quotas = new QuotaGuard(metadata, quotas);
        _metadata = metadata;
        _blobs = blobs;
        _options = options;
        _keys = keys ?? new EncryptionKeys(options.DataDirectory);
        _opener = new ObjectOpener(metadata, blobs, metrics ?? new Nuage.Telemetry.NuageMetrics(), _keys);
    }

    public async Task<MultipartUploadInfo> CreateMultipartUploadAsync(
        string bucket, string key, ObjectAttributes attributes, ChecksumAlgorithm? checksumAlgorithm, CancellationToken cancellationToken,
        ObjectAccess? access = null, ChecksumType? checksumType = null, EncryptionRequest? encryption = null)
    {
        KeyRules.Validate(key);
        ArgumentNullException.ThrowIfNull(attributes);
        string? algorithm = UploadChecksum.Declare(checksumAlgorithm, checksumType)?.Encode();
        string uploadId = NewUploadId();
        byte[]? envelope;
        using (var sealing = _keys.ForWrite(encryption))
        {
            envelope = sealing?.Envelope;
        }

        var stored = Mapping.ToStored(attributes);
        var row = await _metadata.WriteAsync(
            tx =>
            {
                var owner = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                var upload = new UploadRow(uploadId, bucket, key, tx.Now, access?.Owner ?? owner.Owner, stored, algorithm, access?.Acl, access?.Tags)
                {
                    ObjectLock = ObjectLocks.EncodeForUpload(access?.Lock),
                    Encryption = envelope,
                };
                tx.InsertUpload(upload);
                return upload;
            },
            cancellationToken).ConfigureAwait(false);
        return ToInfo(row);
    }

    public async Task<PartInfo> UploadPartAsync(
        string bucket, string key, string uploadId, int partNumber, Stream body, long? contentLength,
        byte[]? contentMd5, ChecksumInput? checksum, CancellationToken cancellationToken, CustomerKey? customerKey = null,
        KmsUseCheck? kmsCheck = null)
    {
        CheckPartNumber(partNumber);
        var upload = await RequireUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
        await CheckKmsAsync(kmsCheck, EncryptionKeys.KmsInfoOf(upload.Encryption), cancellationToken).ConfigureAwait(false);
        await CheckPartQuotaAsync(bucket, contentLength, cancellationToken).ConfigureAwait(false);
        var algorithm = PartAlgorithm(upload, checksum?.Algorithm);
        using var dataKey = _keys.ForRead(upload.Encryption, customerKey);
        await using var ingested = await BodyReader.ReadAsync(
            PartBlobs(dataKey), body, contentLength, _options.MaxObjectSize, -1, algorithm, contentMd5, checksum, cancellationToken).ConfigureAwait(false);
        return await StorePartAsync(bucket, key, uploadId, partNumber, ingested, algorithm, cancellationToken).ConfigureAwait(false) with
        {
            Encryption = EncryptionKeys.ModeOf(upload.Encryption),
            Kms = EncryptionKeys.KmsInfoOf(upload.Encryption),
        };
    }

    private static ValueTask CheckKmsAsync(KmsUseCheck? check, KmsEncryptionInfo? kms, CancellationToken cancellationToken) =>
        check is not null && kms is not null ? check(kms, cancellationToken) : ValueTask.CompletedTask;

    public async Task<PartInfo> UploadPartCopyAsync(
        string bucket, string key, string uploadId, int partNumber,
        string sourceBucket, string sourceKey, string? sourceVersionId, ByteRange? range, ReadConditions sourceConditions,
        CancellationToken cancellationToken, CustomerKey? customerKey = null, CustomerKey? sourceCustomerKey = null, KmsUseCheck? kmsCheck = null)
    {
        CheckPartNumber(partNumber);
        var upload = await RequireUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
        await CheckKmsAsync(kmsCheck, EncryptionKeys.KmsInfoOf(upload.Encryption), cancellationToken).ConfigureAwait(false);
        using var dataKey = _keys.ForRead(upload.Encryption, customerKey);
        await using var source = await _opener.OpenAsync(sourceBucket, sourceKey, sourceVersionId, cancellationToken, sourceCustomerKey).ConfigureAwait(false);
        var info = source.Info;
        await CheckKmsAsync(kmsCheck, info.Kms, cancellationToken).ConfigureAwait(false);
        if (ConditionEvaluator.EvaluateCopySource(sourceConditions ?? ReadConditions.None, info.ETag, info.LastModified) != ConditionOutcome.Proceed)
        {
            throw Errors.PreconditionFailed();
        }

        long offset = 0;
        long length = info.Size;
        if (range is not null)
        {
            // AWS UploadPartCopy answers InvalidArgument both for a malformed range and for one past the source's end.
            if (range.First < 0 || range.Last < range.First)
            {
                throw new StorageException(
                    StorageErrorCode.InvalidArgument,
                    "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
                { ArgumentName = "x-amz-copy-source-range", ArgumentValue = $"bytes={range.First}-{range.Last}" };
            }

            if (range.Last >= info.Size)
            {
                throw new StorageException(StorageErrorCode.InvalidArgument, $"Range specified is not valid for source object of size: {info.Size}")
                { ArgumentName = "x-amz-copy-source-range", ArgumentValue = $"bytes={range.First}-{range.Last}" };
            }

            offset = range.First;
            length = range.Length;
        }

        await CheckPartQuotaAsync(bucket, length, cancellationToken).ConfigureAwait(false);
        var algorithm = PartAlgorithm(upload, null);
        await using var stream = new ObjectContentStream(source, offset, length);
        await using var ingested = await BodyReader.ReadAsync(
            PartBlobs(dataKey), stream, length, _options.MaxObjectSize, -1, algorithm, null, null, cancellationToken).ConfigureAwait(false);
        return await StorePartAsync(bucket, key, uploadId, partNumber, ingested, algorithm, cancellationToken).ConfigureAwait(false) with
        {
            Encryption = EncryptionKeys.ModeOf(upload.Encryption),
            Kms = EncryptionKeys.KmsInfoOf(upload.Encryption),
        };
    }

    public Task<ObjectInfo> CompleteMultipartUploadAsync(
        string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts, WriteCondition? condition,
        CancellationToken cancellationToken) =>
        CompleteMultipartUploadAsync(bucket, key, uploadId, parts, condition, null, cancellationToken);

    public async Task<ObjectInfo> CompleteMultipartUploadAsync(
        string bucket, string key, string uploadId, IReadOnlyList<CompletedPart> parts, WriteCondition? condition,
        ObjectChecksum? expectedChecksum, CancellationToken cancellationToken, ChecksumType? expectedType = null, long? expectedSize = null)
    {
        KeyRules.Validate(key);
        ArgumentNullException.ThrowIfNull(parts);
        if (parts.Count == 0)
        {
            throw new StorageException(StorageErrorCode.InvalidRequest, "You must specify at least one part.");
        }

        for (int i = 1; i < parts.Count; i++)
        {
            if (parts[i].PartNumber <= parts[i - 1].PartNumber)
            {
                throw new StorageException(StorageErrorCode.InvalidPartOrder, "The list of parts was not in ascending order. Parts must be ordered by part number.");
            }
        }

        string region = _options.Region;
        long minPartSize = _options.MinPartSize;

        // Validation happens inside the transaction: a part replaced concurrently cannot slip between the check and
        // the commit, and the manifest only ever names blobs that this transaction takes out of the parts table.
        var row = await _metadata.WriteAsync(
            tx =>
            {
                var upload = tx.GetUpload(uploadId);
                if (upload is null || upload.Bucket != bucket || upload.Key != key)
                {
                    // A completion retried after it succeeded (its answer lost to a timeout) gets the same answer,
                    // as from AWS (minio/minio#13318, adobe/S3Mock#2586): the upload row is gone, but the key's
                    // current object was written by this upload. The write condition was decided by that first
                    // completion. Once the key is overwritten or deleted, the upload is simply unknown.
                    if (upload is null && tx.GetObjectCompletedBy(bucket, key, uploadId) is { } completed)
                    {
                        return completed;
                    }

                    throw Errors.NoSuchUpload();
                }

                var owner = tx.GetBucket(bucket) ?? throw Errors.NoSuchBucket(bucket);
                var stored = new Dictionary<int, PartRow>();
                foreach (var part in tx.GetParts(uploadId))
                {
                    stored[part.PartNumber] = part;
                }

                var chosen = new PartRow[parts.Count];
                for (int i = 0; i < parts.Count; i++)
                {
                    var requested = parts[i];
                    if (!stored.TryGetValue(requested.PartNumber, out var part)
                        || !ConditionEvaluator.Matches(requested.ETag ?? string.Empty, part.ETag, weak: false)
                        || (requested.Checksum is not null && requested.Checksum != part.Checksum?.Value))
                    {
                        throw new StorageException(
                            StorageErrorCode.InvalidPart,
                            "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag.");
                    }

                    chosen[i] = part;
                }

                // Sizes are checked once every named part is known to exist, so a missing part is reported as such.
                for (int i = 0; i < chosen.Length - 1; i++)
                {
                    if (chosen[i].Size < minPartSize)
                    {
                        throw new StorageException(StorageErrorCode.EntityTooSmall, "Your proposed upload is smaller than the minimum allowed object size.");
                    }
                }

                var segments = new BlobSegment[chosen.Length];
                var keep = new HashSet<Guid>();
                long size = 0;
                for (int i = 0; i < chosen.Length; i++)
                {
                    segments[i] = new BlobSegment(chosen[i].BlobId, chosen[i].Size);
                    keep.Add(chosen[i].BlobId);
                    size += chosen[i].Size;
                }

                if (expectedSize is { } expected && expected != size)
                {
                    throw new StorageException(
                        StorageErrorCode.InvalidRequest,
                        $"The provided 'x-amz-mp-object-size' header value {expected} does not match what was computed: {size}");
                }

                var declared = UploadChecksum.Decode(upload.ChecksumAlgorithm);
                CheckExpectedType(expectedType, declared);
                var checksum = declared switch
                {
                    null => null,
                    { Type: ChecksumType.FullObject } => FullObjectChecksum.Combine(declared.Algorithm, chosen),
                    _ => CompositeChecksum(declared.Algorithm, chosen),
                };
                CheckExpectedChecksum(expectedChecksum, checksum);
                var content = new ObjectVersionContent(
                    bucket, key, size, MultipartETag(chosen), upload.Owner, upload.Attributes, checksum, chosen.Length,
                    new BlobManifest(segments) { PartChecksums = PartChecksums(declared?.Algorithm, chosen) })
                {
                    UploadId = uploadId,
                    Acl = upload.Acl,
                    Tags = upload.Tags,
                    Lock = ObjectLocks.DecodeFromUpload(upload.ObjectLock),
                    Encryption = upload.Encryption,
                };
                var result = ObjectCommitPath.Put(
                    tx, content, CommitStamp.Local(tx, region, owner.Versioning), condition, _quotas.For(owner.Owner),
                    _events is null ? null : new ObjectEvents(_events, owner.Owner, Notifications.ObjectEventName.CompleteMultipartUpload),
                    _replication is null ? null : new ObjectReplication(_replication, owner.Owner));
                tx.DeleteUpload(uploadId, keep);
                return result;
            },
            cancellationToken).ConfigureAwait(false);
        return Mapping.ToInfo(row);
    }

    public Task AbortMultipartUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken) =>
        _metadata.WriteAsync(
            tx =>
            {
                var upload = tx.GetUpload(uploadId);
                if (upload is null || upload.Bucket != bucket || upload.Key != key)
                {
                    throw Errors.NoSuchUpload();
                }

                return tx.DeleteUpload(uploadId, null);
            },
            cancellationToken);

    public async Task<MultipartUploadInfo> GetUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken) =>
        ToInfo(await RequireUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false));

    public async Task<PartsPage> ListPartsAsync(
        string bucket, string key, string uploadId, int partNumberMarker, int maxParts, CancellationToken cancellationToken)
    {
        var upload = await RequireUploadAsync(bucket, key, uploadId, cancellationToken).ConfigureAwait(false);
        maxParts = Math.Clamp(maxParts, 0, 1000);
        var rows = await _metadata.ListPartsAsync(uploadId, partNumberMarker, maxParts + 1, cancellationToken).ConfigureAwait(false);
        int count = Math.Min(rows.Count, maxParts);
        var parts = new PartInfo[count];
        for (int i = 0; i < count; i++)
        {
            parts[i] = ToInfo(rows[i]);
        }

        return new PartsPage(ToInfo(upload), parts, rows.Count > maxParts, count > 0 ? parts[^1].PartNumber : 0);
    }

    public async Task<UploadsPage> ListMultipartUploadsAsync(
        string bucket, string prefix, string? delimiter, string? keyMarker, string? uploadIdMarker, int maxUploads,
        CancellationToken cancellationToken)
    {
        if (await _metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) is null)
        {
            throw Errors.NoSuchBucket(bucket);
        }

        var listing = await _metadata.ListUploadsAsync(
            new UploadListQuery(bucket, prefix ?? string.Empty, delimiter, keyMarker, keyMarker is null ? null : uploadIdMarker, maxUploads),
            cancellationToken).ConfigureAwait(false);
        var uploads = new MultipartUploadInfo[listing.Uploads.Count];
        for (int i = 0; i < uploads.Length; i++)
        {
            uploads[i] = ToInfo(listing.Uploads[i]);
        }

        return new UploadsPage(uploads, listing.CommonPrefixes, listing.IsTruncated, listing.NextKeyMarker, listing.NextUploadIdMarker);
    }

    /// <summary>
    /// Upload ids are unguessable (128 random bits) and sort by initiation: a big-endian timestamp in hex comes
    /// first, so ordering uploads of a key by id is ordering them by initiation, as ListMultipartUploads requires.
    /// </summary>
    private static string NewUploadId()
    {
        Span<byte> bytes = stackalloc byte[24];
        BinaryPrimitives.WriteInt64BigEndian(bytes, DateTime.UtcNow.Ticks);
        RandomNumberGenerator.Fill(bytes[8..]);
        return Convert.ToHexStringLower(bytes);
    }

    private static void CheckPartNumber(int partNumber)
    {
        if (partNumber is < 1 or > MaxPartNumber)
        {
            throw new StorageException(StorageErrorCode.InvalidArgument, "Part number must be an integer between 1 and 10000, inclusive")
            { ArgumentName = "partNumber", ArgumentValue = partNumber.ToString(CultureInfo.InvariantCulture) };
        }
    }

    private static ChecksumAlgorithm? PartAlgorithm(UploadRow upload, ChecksumAlgorithm? requested)
    {
        ChecksumAlgorithm? declared = UploadChecksum.Decode(upload.ChecksumAlgorithm)?.Algorithm;
        if (declared is not null && requested is not null && declared != requested)
        {
            throw new StorageException(
                StorageErrorCode.InvalidRequest,
                $"Checksum Type mismatch occurred, expected checksum Type: {ChecksumAlgorithmNames.Name(declared.Value)}, actual checksum Type: {ChecksumAlgorithmNames.Name(requested.Value)}");
        }

        return declared ?? requested;
    }

    /// <summary>The S3 multipart ETag: hex(md5(concatenated binary part MD5s)) + "-" + part count.</summary>
    private static string MultipartETag(PartRow[] parts)
    {
        using var md5 = IncrementalHash.CreateHash(HashAlgorithmName.MD5);
        Span<byte> digest = stackalloc byte[16];
        foreach (var part in parts)
        {
            Convert.FromHexString(part.ETag, digest, out _, out _);
            md5.AppendData(digest);
        }

        return Convert.ToHexStringLower(md5.GetHashAndReset()) + "-" + parts.Length.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// x-amz-checksum-type sent with CompleteMultipartUpload: "If the checksum type doesn't match the checksum type
    /// that was specified for the object during the CreateMultipartUpload request, it'll result in a BadDigest error"
    /// (CompleteMultipartUpload). An upload created without a checksum has no type to match.
    /// </summary>
    private static void CheckExpectedType(ChecksumType? expected, UploadChecksum? declared)
    {
        if (expected is { } type && declared?.Type != type)
        {
            throw new StorageException(
                StorageErrorCode.ChecksumMismatch,
                $"The {ChecksumTypeNames.Name(type)} checksum type you specified does not match the checksum type of the upload.");
        }
    }

    /// <summary>
    /// A whole-object checksum sent with CompleteMultipartUpload must match what the parts add up to ("Checking object
    /// integrity"). S3 writes a composite value with a "-N" suffix, and clients send it with or without one; a
    /// FULL_OBJECT value is a plain CRC of the object and must match exactly.
    /// </summary>
    private static void CheckExpectedChecksum(ObjectChecksum? expected, StoredChecksum? actual)
    {
        if (expected is null)
        {
            return;
        }

        static string WithoutPartCount(string value)
        {
            var dash = value.LastIndexOf('-');
            return dash > 0 ? value[..dash] : value;
        }

        if (actual is null
            || !string.Equals(actual.Algorithm, ChecksumAlgorithmNames.Name(expected.Algorithm), StringComparison.Ordinal)
            || !(actual.IsComposite
                ? string.Equals(WithoutPartCount(actual.Value), WithoutPartCount(expected.Value), StringComparison.Ordinal)
                : string.Equals(actual.Value, expected.Value, StringComparison.Ordinal)))
        {
            throw new StorageException(
                StorageErrorCode.ChecksumMismatch,
                $"The {ChecksumAlgorithmNames.Name(expected.Algorithm)} you specified did not match the calculated checksum.");
        }
    }

    /// <summary>
    /// Composite checksum (AWS "Checking object integrity", "Using part-level checksums for multipart uploads"):
    /// the algorithm over the concatenated binary part checksums, base64, then "-" + part count.
    /// </summary>
    private static StoredChecksum? CompositeChecksum(ChecksumAlgorithm algorithm, PartRow[] parts)
    {
        string algorithmName = ChecksumAlgorithmNames.Name(algorithm);
        using var hasher = ChecksumHasher.Create(algorithm);
        foreach (var part in parts)
        {
            if (part.Checksum is null)
            {
                return null;
            }

            hasher.Append(Convert.FromBase64String(part.Checksum.Value));
        }

        return new StoredChecksum(
            algorithmName,
            Convert.ToBase64String(hasher.GetDigest()) + "-" + parts.Length.ToString(CultureInfo.InvariantCulture),
            true);
    }

    /// <summary>
    /// The parts' own checksums, kept with the object when the upload declared an algorithm and every part has a
    /// checksum of it: AWS answers them after completion (API reference "ObjectPart", GetObject "PartNumber").
    /// </summary>
    private static string[]? PartChecksums(ChecksumAlgorithm? algorithm, PartRow[] parts)
    {
        if (algorithm is not { } declared)
        {
            return null;
        }

        string name = ChecksumAlgorithmNames.Name(declared);
        var values = new string[parts.Length];
        for (int i = 0; i < parts.Length; i++)
        {
            if (parts[i].Checksum is not { } own || !string.Equals(own.Algorithm, name, StringComparison.Ordinal))
            {
                return null;
            }

            values[i] = own.Value;
        }

        return values;
    }

    private async Task<UploadRow> RequireUploadAsync(string bucket, string key, string uploadId, CancellationToken cancellationToken)
    {
        KeyRules.Validate(key);
        var upload = await _metadata.GetUploadAsync(uploadId, cancellationToken).ConfigureAwait(false);
        if (upload is null || upload.Bucket != bucket || upload.Key != key)
        {
            if (await _metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) is null)
            {
                throw Errors.NoSuchBucket(bucket);
            }

            throw Errors.NoSuchUpload();
        }

        return upload;
    }

    private async Task<PartInfo> StorePartAsync(
        string bucket, string key, string uploadId, int partNumber, IngestedBody body, ChecksumAlgorithm? algorithm,
        CancellationToken cancellationToken)
    {
        var blob = body.Blob!;
        await blob.CommitAsync(cancellationToken).ConfigureAwait(false);
        var checksum = algorithm is { } a && body.Checksum is not null
            ? new StoredChecksum(ChecksumAlgorithmNames.Name(a), Convert.ToBase64String(body.Checksum), false)
            : null;
        string etag = body.ETag;
        long size = body.Length;
        try
        {
            var row = await _metadata.WriteAsync(
                tx =>
                {
                    var upload = tx.GetUpload(uploadId);
                    if (upload is null || upload.Bucket != bucket || upload.Key != key)
                    {
                        throw Errors.NoSuchUpload();
                    }

                    if (tx.GetBucket(bucket) is { } owner)
                    {
                        QuotaGuard.CheckAdding(tx, _quotas.For(owner.Owner), size);
                    }

                    var part = new PartRow(uploadId, partNumber, size, etag, tx.Now, checksum, blob.BlobId);
                    tx.PutPart(part);
                    return part;
                },
                cancellationToken).ConfigureAwait(false);
            return ToInfo(row);
        }
        catch (Exception failure)
        {
            UncommittedBlobs.Reclaim(_blobs, failure, [blob.BlobId]);
            throw;
        }
    }

    /// <summary>A part is charged to the bucket owner's quota like an object: refused before its body when it cannot fit.</summary>
    private async Task CheckPartQuotaAsync(string bucket, long? length, CancellationToken cancellationToken)
    {
        if (length is not null && await _metadata.GetBucketAsync(bucket, cancellationToken).ConfigureAwait(false) is { } row)
        {
            await _quotas.CheckBeforeBodyAsync(row.Owner, length, cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>The blob store a part is written to: through the upload's data key when the upload is encrypted.</summary>
    private IBlobStore PartBlobs(ObjectDataKey? dataKey) => dataKey is null ? _blobs : new EncryptingBlobStore(_blobs, dataKey);

    private static PartInfo ToInfo(PartRow row) =>
        new(row.PartNumber, row.Size, row.ETag, row.LastModified, Mapping.ToContract(row.Checksum));

    private static MultipartUploadInfo ToInfo(UploadRow row)
    {
        var checksum = UploadChecksum.Decode(row.ChecksumAlgorithm);
        return new(row.Bucket, row.Key, row.UploadId, row.Initiated, Mapping.ToContract(row.Attributes),
            checksum?.Algorithm, row.Owner, checksum?.Type)
        {
            Encryption = EncryptionKeys.ModeOf(row.Encryption),
            Kms = EncryptionKeys.KmsInfoOf(row.Encryption),
        };
    }
}
