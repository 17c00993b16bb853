using Nuage.Admin.Http;
using Nuage.Iam;
using Nuage.Iam.Acls;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>
/// An account's Block Public Access (AWS's account-level PutPublicAccessBlock of S3 Control): combined with each
/// bucket's own setting, the most restrictive wins, for every bucket the account owns.
/// </summary>
public sealed class AccountPublicAccessBlockHandler(AccountService accounts)
{
    public Task<AdminResult> GetAsync(AdminCall call)
    {
        var text = call.Account.Settings.PublicAccessBlock
            ?? throw new IamException(IamErrorCode.NoSuchEntity, $"The account {call.Account.Name} has no public access block configuration.");
        return Task.FromResult(AdminResult.Ok(Document(PublicAccessBlockConfiguration.FromJson(text))));
    }

    /// <summary>Absent fields are false, as in S3's PublicAccessBlockConfiguration.</summary>
    public async Task<AdminResult> PutAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var block = new PublicAccessBlockConfiguration(
            body.OptionalBool("blockPublicAcls") ?? false,
            body.OptionalBool("ignorePublicAcls") ?? false,
            body.OptionalBool("blockPublicPolicy") ?? false,
            body.OptionalBool("restrictPublicBuckets") ?? false);
        await accounts.UpdateAsync(call.Account.Id, settings => settings with { PublicAccessBlock = block.ToJson() }, call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(Document(block));
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await accounts.UpdateAsync(call.Account.Id, settings => settings with { PublicAccessBlock = null }, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }

    private static object Document(PublicAccessBlockConfiguration block) => new
    {
        block.BlockPublicAcls,
        block.IgnorePublicAcls,
        block.BlockPublicPolicy,
        block.RestrictPublicBuckets,
    };
}
