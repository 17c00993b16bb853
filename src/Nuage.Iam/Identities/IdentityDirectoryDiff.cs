using Nuage.Iam.Secrets;
using Nuage.Metadata;

namespace Nuage.Iam.Identities;

/// <summary>
/// The rows that turn one directory into another, as one metadata transaction: how a follower region writes the
/// control region's directory into its own tables. Row by row rather than everything rewritten, so a copy that
/// changed one key touches one row, and an unchanged copy (every poll after a restart) writes nothing.
/// </summary>
internal static class IdentityDirectoryDiff
{
    /// <summary>What to write, or null when the two directories hold the same rows.</summary>
    public static Action<IMetadataTransaction>? Between(IdentityDirectory current, IdentityDirectory next, SecretSealer sealer)
    {
        var oldAccounts = current.Accounts.Values.Select(IdentityRowCodec.ToRow).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var newAccounts = next.Accounts.Values.Select(IdentityRowCodec.ToRow).ToDictionary(r => r.Id, StringComparer.Ordinal);
        var oldEntities = EntityRows(current).ToDictionary(r => (r.AccountId, r.Kind, r.Name));
        var newEntities = EntityRows(next).ToDictionary(r => (r.AccountId, r.Kind, r.Name));

        var goneEntities = oldEntities.Keys.Where(k => !newEntities.ContainsKey(k)).ToList();
        var putEntities = newEntities.Values.Where(r => !oldEntities.TryGetValue((r.AccountId, r.Kind, r.Name), out var was) || was != r).ToList();
        var goneAccounts = oldAccounts.Keys.Where(id => !newAccounts.ContainsKey(id)).ToList();
        var putAccounts = newAccounts.Values.Where(r => !oldAccounts.TryGetValue(r.Id, out var was) || was != r).ToList();

        // A key whose status changed is updated in place; one that differs otherwise (it cannot, keys are immutable
        // but for their status, unless its id was reused) is deleted and inserted again.
        var goneKeys = current.AccessKeys.Values.Where(k => !next.AccessKeys.TryGetValue(k.AccessKeyId, out var now) || !SameButStatus(k, now)).ToList();
        var newKeys = next.AccessKeys.Values.Where(k => !current.AccessKeys.TryGetValue(k.AccessKeyId, out var was) || !SameButStatus(was, k)).ToList();
        var statusKeys = next.AccessKeys.Values
            .Where(k => current.AccessKeys.TryGetValue(k.AccessKeyId, out var was) && SameButStatus(was, k) && was.Active != k.Active).ToList();

        if (goneEntities.Count + putEntities.Count + goneAccounts.Count + putAccounts.Count + goneKeys.Count + newKeys.Count + statusKeys.Count == 0)
        {
            return null;
        }

        // Sealed now, outside the store's transaction.
        var insertKeys = newKeys.Select(k => IdentityRowCodec.ToRow(k, sealer)).ToList();
        return tx =>
        {
            // Removals first: a renamed entity keeps its unique id, a renamed account its unique name's successor.
            foreach (var (accountId, kind, name) in goneEntities)
            {
                tx.DeleteIdentity(accountId, kind, name);
            }

            foreach (var key in goneKeys)
            {
                tx.DeleteAccessKey(key.AccessKeyId);
            }

            foreach (var id in goneAccounts)
            {
                tx.DeleteAccount(id);
            }

            foreach (var account in putAccounts)
            {
                tx.PutAccount(account);
            }

            foreach (var entity in putEntities)
            {
                tx.PutIdentity(entity);
            }

            foreach (var key in insertKeys)
            {
                tx.InsertAccessKey(key);
            }

            foreach (var key in statusKeys)
            {
                tx.SetAccessKeyActive(key.AccessKeyId, key.Active);
            }
        };
    }

    private static bool SameButStatus(AccessKey a, AccessKey b) => a with { Active = b.Active } == b;

    private static IEnumerable<IdentityRow> EntityRows(IdentityDirectory directory) =>
        directory.Users.Values.Select(IdentityRowCodec.ToRow)
            .Concat(directory.Groups.Values.Select(IdentityRowCodec.ToRow))
            .Concat(directory.Roles.Values.Select(IdentityRowCodec.ToRow))
            .Concat(directory.Policies.Values.Select(IdentityRowCodec.ToRow));
}
