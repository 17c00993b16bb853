namespace Nuage.Storage.Commits;

using Nuage.Metadata;
using Nuage.Storage.Internal;
using Nuage.Storage.Objects;

/// <summary>
/// Object Lock's rules inside the commit path (AWS "Locking objects with Object Lock", "Object Lock retention
/// modes"): a version under an unexpired retention or a legal hold cannot be removed, GOVERNANCE giving way only to a
/// caller allowed to bypass it; a retention can always be lengthened, but shortened or removed only when it is
/// GOVERNANCE and bypassed, or expired. Conversions between the contract and the stored forms live here too.
/// </summary>
internal static class ObjectLocks
{
    /// <summary>Refuses the removal of a protected version, before anything is changed.</summary>
    public static void CheckRemovable(IMetadataTransaction tx, string bucket, string key, string versionId, bool bypassGovernance)
    {
        if (tx.GetObjectLock(bucket, key, versionId) is not { } stored)
        {
            return;
        }

        var state = ToContract(stored);
        if (state.LegalHold
            || (state.IsRetainedAt(tx.Now) && (state.Mode == ObjectLockMode.Compliance || !bypassGovernance)))
        {
            throw Errors.ObjectLocked();
        }
    }

    /// <summary>
    /// Replaces the retention of a version (PutObjectRetention); <paramref name="mode"/> null removes it. Refused as
    /// AccessDenied when it would weaken or change the mode of a retention still in force, unless it is GOVERNANCE
    /// and bypassed ("you can't change a COMPLIANCE mode ... a user with s3:BypassGovernanceRetention can change a
    /// GOVERNANCE mode's settings").
    /// </summary>
    public static void SetRetention(
        IMetadataTransaction tx, string bucket, string key, string versionId, ObjectLockMode? mode, DateTimeOffset? until, bool bypassGovernance)
    {
        var current = tx.GetObjectLock(bucket, key, versionId) is { } stored ? ToContract(stored) : ObjectLockState.None;
        if (current.IsRetainedAt(tx.Now))
        {
            bool weakensOrChanges = mode != current.Mode || until < current.RetainUntil;
            if (weakensOrChanges && (current.Mode == ObjectLockMode.Compliance || !bypassGovernance))
            {
                throw Errors.ObjectLocked();
            }
        }

        Store(tx, bucket, key, versionId, current with { Mode = mode, RetainUntil = mode is null ? null : until });
    }

    /// <summary>Turns the legal hold of a version on or off (PutObjectLegalHold): no retention rule applies to it.</summary>
    public static void SetLegalHold(IMetadataTransaction tx, string bucket, string key, string versionId, bool on)
    {
        var current = tx.GetObjectLock(bucket, key, versionId) is { } stored ? ToContract(stored) : ObjectLockState.None;
        Store(tx, bucket, key, versionId, current with { LegalHold = on });
    }

    public static void Store(IMetadataTransaction tx, string bucket, string key, string versionId, ObjectLockState state) =>
        tx.SetObjectLock(bucket, key, versionId, state.Mode is null && !state.LegalHold ? null : ToStored(state));

    public static ObjectLockState ToContract(ObjectLockRow row) =>
        new(row.Mode switch
        {
            "GOVERNANCE" => ObjectLockMode.Governance,
            "COMPLIANCE" => ObjectLockMode.Compliance,
            _ => null,
        }, row.RetainUntil, row.LegalHold);

    public static ObjectLockRow ToStored(ObjectLockState state) =>
        new(state.Mode switch
        {
            ObjectLockMode.Governance => "GOVERNANCE",
            ObjectLockMode.Compliance => "COMPLIANCE",
            _ => null,
        }, state.RetainUntil, state.LegalHold);

    /// <summary>The upload row's form: "MODE|ticks|0|1" fields, empty when absent; null for no lock.</summary>
    public static string? EncodeForUpload(ObjectLockState? state)
    {
        if (state is null || (state.Mode is null && !state.LegalHold))
        {
            return null;
        }

        var stored = ToStored(state);
        return string.Join('|', stored.Mode ?? string.Empty,
            stored.RetainUntil is { } until ? until.UtcTicks.ToString(System.Globalization.CultureInfo.InvariantCulture) : string.Empty,
            stored.LegalHold ? "1" : "0");
    }

    public static ObjectLockState? DecodeFromUpload(string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return null;
        }

        var fields = encoded.Split('|');
        DateTimeOffset? until = fields[1].Length == 0
            ? null
            : new DateTimeOffset(long.Parse(fields[1], System.Globalization.CultureInfo.InvariantCulture), TimeSpan.Zero);
        return ToContract(new ObjectLockRow(fields[0].Length == 0 ? null : fields[0], until, fields[2] == "1"));
    }
}
