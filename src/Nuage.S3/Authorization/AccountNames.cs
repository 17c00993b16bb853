using Nuage.Iam.Acls;
using Nuage.Iam.Identities;

namespace Nuage.S3.Authorization;

/// <summary>Owner elements for ACLs and listings: an account's id with its name as the display name.</summary>
public sealed class AccountNames(IdentityRegistry identities)
{
    public string DisplayName(string accountId) => identities.Current.Accounts.GetValueOrDefault(accountId)?.Name ?? accountId;

    public AclOwner Owner(string accountId) => new(accountId, DisplayName(accountId));
}
