using Nuage.Iam.Secrets;
using Nuage.Metadata;

namespace Nuage.Iam.Identities;

/// <summary>
/// The control region's whole identity directory as its identity feed sends it to the other regions of its
/// federation (<c>GET /api/federation/identities</c>, docs/regions.md "Identities"): the rows of its tables, with each
/// access key's secret sealed under a key derived from the operator root secret that every region shares (never the
/// control region's own identity.key, which no other region has), and the generation to ask for anything newer.
/// </summary>
public sealed record IdentityFeedDocument(
    string Generation, IReadOnlyList<AccountRow> Accounts, IReadOnlyList<IdentityRow> Entities, IReadOnlyList<AccessKeyRow> AccessKeys)
{
    /// <summary>The HKDF purpose of the feed's sealing key: what the feed seals opens nowhere else.</summary>
    public const string SealingPurpose = "nuage federation identity feed v1";

    public static IdentityFeedDocument From(IdentitySnapshot snapshot, SecretSealer feedSealer)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var directory = snapshot.Directory;
        return new IdentityFeedDocument(
            snapshot.Generation,
            [.. directory.Accounts.Values.Select(IdentityRowCodec.ToRow)],
            [
                .. directory.Users.Values.Select(IdentityRowCodec.ToRow),
                .. directory.Groups.Values.Select(IdentityRowCodec.ToRow),
                .. directory.Roles.Values.Select(IdentityRowCodec.ToRow),
                .. directory.Policies.Values.Select(IdentityRowCodec.ToRow),
            ],
            [.. directory.AccessKeys.Values.Select(k => IdentityRowCodec.ToRow(k, feedSealer))]);
    }

    /// <summary>The directory these rows describe; throws when a secret does not open (another federation's root key).</summary>
    public IdentityDirectory ToDirectory(SecretSealer feedSealer) =>
        IdentityRowCodec.Load(new IdentityRows(Accounts ?? [], Entities ?? [], AccessKeys ?? []), feedSealer);
}
