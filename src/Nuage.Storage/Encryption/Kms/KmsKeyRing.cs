namespace Nuage.Storage.Encryption.Kms;

using System.Security.Cryptography;
using System.Text.RegularExpressions;
using Nuage.Metadata;

/// <summary>
/// Nuage's own key store for SSE-KMS: named 256-bit keys per account, created, listed, disabled, enabled and rotated
/// through the admin API, and the account's default key "alias/aws/s3", created on first use as S3 creates the AWS
/// managed key. Every key is held in memory (an account has a handful), its material versions unsealed once at
/// start; a change is committed to the metadata store first, then published here, so an acknowledged disable holds
/// for every later request. Keys cannot be deleted: the objects under them would become unreadable.
/// </summary>
public sealed partial class KmsKeyRing
{
    public const string DefaultAlias = "alias/aws/s3";
    private const int MaxDescriptionLength = 8192; // AWS KMS CreateKey Description

    private readonly IMetadataStore _metadata;
    private readonly byte[] _master;
    private readonly string _region;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _changes = new(1, 1);
    private volatile KeyMap? _keys;

    public KmsKeyRing(IMetadataStore metadata, string dataDirectory, string region, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(metadata);
        _metadata = metadata;
        _master = MasterKeyFile.LoadOrCreate(dataDirectory);
        _region = region;
        _time = time ?? TimeProvider.System;
    }

    /// <summary>Reads every key once; the storage hosted service calls it before anything is served.</summary>
    public async ValueTask LoadAsync(CancellationToken cancellationToken)
    {
        if (_keys is not null)
        {
            return;
        }

        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (_keys is null)
            {
                var rows = await _metadata.LoadKmsKeysAsync(cancellationToken).ConfigureAwait(false);
                _keys = KeyMap.Of(rows.Select(r => Entry.Open(r.KeyId, r.AccountId, KmsKeyBody.FromJson(r.Body), _master)));
            }
        }
        finally
        {
            _changes.Release();
        }
    }

    public string ArnOf(string accountId, string keyId) => $"arn:aws:kms:{_region}:{accountId}:key/{keyId}";

    /// <summary>A new customer managed key, its first material random (AWS KMS CreateKey, symmetric).</summary>
    public Task<KmsKey> CreateAsync(string accountId, string? alias, string? description, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        if (alias is not null)
        {
            CheckAlias(alias);
        }

        if (description is { Length: > MaxDescriptionLength })
        {
            throw new StorageException(StorageErrorCode.InvalidArgument, $"A key description is at most {MaxDescriptionLength} characters.");
        }

        return ChangeAsync(
            keys =>
            {
                if (alias is not null && keys.ByAlias.ContainsKey((accountId, alias)))
                {
                    throw new StorageException(StorageErrorCode.InvalidArgument, $"The alias {alias} is already used by another key of this account.") { ArgumentName = "alias", ArgumentValue = alias };
                }

                return NewKey(accountId, alias, description ?? string.Empty, awsManaged: false);
            },
            cancellationToken);
    }

    public IReadOnlyList<KmsKey> List(string accountId) =>
        Loaded().ById.Values.Where(k => k.AccountId == accountId).OrderBy(k => k.Body.CreatedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal)
            .Select(Describe).ToList();

    /// <summary>The key a reference (id, ARN, alias, alias ARN) names in the account; KmsKeyNotFound otherwise.</summary>
    public KmsKey Find(string accountId, string keyReference) => Describe(Require(accountId, keyReference));

    /// <summary>The key of a key ARN, whichever account holds it; null when there is none.</summary>
    public KmsKey? FindByArn(string keyArn) =>
        KmsKeyReference.Parse(keyArn) is { AccountId: { } account, KeyId: { } id } && Loaded().ById.GetValueOrDefault(id) is { } entry && entry.AccountId == account
            ? Describe(entry)
            : null;

    public Task<KmsKey> SetEnabledAsync(string accountId, string keyReference, bool enabled, CancellationToken cancellationToken) =>
        ChangeAsync(_ => { var entry = Require(accountId, keyReference); return entry with { Body = entry.Body with { Enabled = enabled } }; }, cancellationToken);

    /// <summary>
    /// A new material version becomes current for new writes; the earlier ones stay, so every object written under
    /// them keeps decrypting (AWS KMS key rotation: "the old key material is retained").
    /// </summary>
    public Task<KmsKey> RotateAsync(string accountId, string keyReference, CancellationToken cancellationToken) =>
        ChangeAsync(
            _ =>
            {
                var entry = Require(accountId, keyReference);
                int version = entry.Body.Materials.Count + 1;
                var material = RandomNumberGenerator.GetBytes(KmsMaterialSeal.MaterialSize);
                var sealedMaterial = new KmsKeyBody.Material(version, _time.GetUtcNow(), KmsMaterialSeal.Seal(_master, entry.KeyId, version, material));
                return entry with { Body = entry.Body with { Materials = [.. entry.Body.Materials, sealedMaterial] }, Materials = [.. entry.Materials, material] };
            },
            cancellationToken);

    /// <summary>
    /// The key an SSE-KMS write uses: the one <paramref name="keyReference"/> names in the caller's account, or with
    /// none the account's aws/s3 key, created now if it does not exist yet. KmsKeyNotFound, KmsKeyDisabled otherwise.
    /// </summary>
    public async Task<KmsKey> ResolveForEncryptionAsync(string accountId, string? keyReference, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(accountId);
        Entry entry;
        if (keyReference is null)
        {
            entry = Loaded().ByAlias.GetValueOrDefault((accountId, DefaultAlias))
                ?? await ChangeAndGetAsync(
                    keys => keys.ByAlias.GetValueOrDefault((accountId, DefaultAlias))
                        ?? NewKey(accountId, DefaultAlias, "Default key that protects my S3 objects when no other key is defined", awsManaged: true),
                    cancellationToken).ConfigureAwait(false);
        }
        else
        {
            entry = Require(accountId, keyReference);
        }

        return entry.Body.Enabled ? Describe(entry) : throw Disabled(entry);
    }

    /// <summary>The current material of an enabled key, with its version, to wrap a new data key.</summary>
    internal (byte[] Material, int Version) CurrentMaterial(string keyId)
    {
        var entry = Loaded().ById.GetValueOrDefault(keyId) ?? throw NotFound(keyId);
        return entry.Body.Enabled ? (entry.Materials[^1], entry.Materials.Count) : throw Disabled(entry);
    }

    /// <summary>Material version <paramref name="version"/> of an enabled key, to unwrap a data key.</summary>
    internal byte[] Material(string keyId, int version)
    {
        var entry = Loaded().ById.GetValueOrDefault(keyId) ?? throw NotFound(keyId);
        if (!entry.Body.Enabled)
        {
            throw Disabled(entry);
        }

        return version >= 1 && version <= entry.Materials.Count
            ? entry.Materials[version - 1]
            : throw new StorageException(StorageErrorCode.DataCorrupted, $"An object names version {version} of KMS key {keyId}, which has {entry.Materials.Count}.");
    }

    private KeyMap Loaded()
    {
        if (_keys is { } keys)
        {
            return keys;
        }

        // Only a service used without the hosted service that loads it at start (a test) gets here.
        LoadAsync(CancellationToken.None).AsTask().GetAwaiter().GetResult();
        return _keys!;
    }

    private Entry Require(string accountId, string keyReference)
    {
        var reference = KmsKeyReference.Parse(keyReference);
        var keys = Loaded();
        Entry? entry = null;
        if (reference is { } r && (r.AccountId is null || r.AccountId == accountId))
        {
            entry = r.KeyId is not null
                ? keys.ById.GetValueOrDefault(r.KeyId) is { } byId && byId.AccountId == accountId ? byId : null
                : keys.ByAlias.GetValueOrDefault((accountId, r.Alias!));
        }

        return entry ?? throw NotFound(keyReference);
    }

    private Entry NewKey(string accountId, string? alias, string description, bool awsManaged)
    {
        var keyId = Guid.NewGuid().ToString("D");
        var material = RandomNumberGenerator.GetBytes(KmsMaterialSeal.MaterialSize);
        var now = _time.GetUtcNow();
        var body = new KmsKeyBody(alias, description, Enabled: true, awsManaged, now, [new KmsKeyBody.Material(1, now, KmsMaterialSeal.Seal(_master, keyId, 1, material))]);
        return new Entry(keyId, accountId, body, [material]);
    }

    private async Task<KmsKey> ChangeAsync(Func<KeyMap, Entry> change, CancellationToken cancellationToken) =>
        Describe(await ChangeAndGetAsync(change, cancellationToken).ConfigureAwait(false));

    /// <summary>One change at a time: commit the key's new row, then publish a new map with it.</summary>
    private async Task<Entry> ChangeAndGetAsync(Func<KeyMap, Entry> change, CancellationToken cancellationToken)
    {
        await LoadAsync(cancellationToken).ConfigureAwait(false);
        await _changes.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var keys = _keys!;
            var entry = change(keys);
            if (keys.ById.TryGetValue(entry.KeyId, out var existing) && ReferenceEquals(existing, entry))
            {
                return entry;
            }

            var row = new KmsKeyRow(entry.KeyId, entry.AccountId, entry.Body.ToJson());
            await _metadata.WriteAsync(tx => { tx.PutKmsKey(row); return 0; }, cancellationToken).ConfigureAwait(false);
            _keys = keys.With(entry);
            return entry;
        }
        finally
        {
            _changes.Release();
        }
    }

    private KmsKey Describe(Entry entry) =>
        new(entry.KeyId, entry.AccountId, ArnOf(entry.AccountId, entry.KeyId), entry.Body.Alias, entry.Body.Description,
            entry.Body.Enabled, entry.Body.AwsManaged, entry.Body.CreatedAt, entry.Body.Materials.Count,
            entry.Body.Materials.Count > 1 ? entry.Body.Materials[^1].CreatedAt : null);

    /// <summary>
    /// AWS KMS CreateAlias: "alias/" then 1 to 256 of letters, digits, '/', '_' and '-'; names under "alias/aws/" are
    /// reserved for AWS managed keys.
    /// </summary>
    private static void CheckAlias(string alias)
    {
        if (!AliasPattern().IsMatch(alias) || alias.StartsWith("alias/aws/", StringComparison.OrdinalIgnoreCase))
        {
            throw new StorageException(
                StorageErrorCode.InvalidArgument,
                "An alias is \"alias/\" followed by 1 to 256 letters, digits, '/', '_' or '-', and may not begin with \"alias/aws/\".") { ArgumentName = "alias", ArgumentValue = alias };
        }
    }

    [GeneratedRegex("^alias/[a-zA-Z0-9/_-]{1,256}$")]
    private static partial Regex AliasPattern();

    private static StorageException NotFound(string reference) =>
        new(StorageErrorCode.KmsKeyNotFound, $"Invalid keyId {reference}");

    private StorageException Disabled(Entry entry) =>
        new(StorageErrorCode.KmsKeyDisabled, $"{ArnOf(entry.AccountId, entry.KeyId)} is disabled.");

    /// <summary>
    /// Every key by id and by (account, alias), published whole on each change: a write naming an alias, or the
    /// account's default key, finds it with one lookup however many keys the installation holds.
    /// </summary>
    private sealed record KeyMap(Dictionary<string, Entry> ById, Dictionary<(string Account, string Alias), Entry> ByAlias)
    {
        public static KeyMap Of(IEnumerable<Entry> entries)
        {
            var map = new KeyMap(new(StringComparer.Ordinal), []);
            foreach (var entry in entries)
            {
                map.Add(entry);
            }

            return map;
        }

        public KeyMap With(Entry entry)
        {
            var map = new KeyMap(new(ById, StringComparer.Ordinal), new(ByAlias));
            map.Add(entry);
            return map;
        }

        private void Add(Entry entry)
        {
            ById[entry.KeyId] = entry;
            if (entry.Body.Alias is { } alias)
            {
                ByAlias[(entry.AccountId, alias)] = entry;
            }
        }
    }

    /// <summary>A key as held in memory: its stored body and its materials, unsealed, by version - 1.</summary>
    private sealed record Entry(string KeyId, string AccountId, KmsKeyBody Body, IReadOnlyList<byte[]> Materials)
    {
        public static Entry Open(string keyId, string accountId, KmsKeyBody body, byte[] master) =>
            new(keyId, accountId, body, body.Materials.OrderBy(m => m.Version).Select(m => KmsMaterialSeal.Open(master, keyId, m.Version, m.Sealed)).ToList());
    }
}
