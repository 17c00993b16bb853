using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam.Management;

namespace Nuage.Admin.Handlers;

/// <summary>Accounts: what IAM has no verb for. Creating one returns its root user's first key, secret shown once.</summary>
public sealed class AccountHandler(AccountService accounts)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new { Accounts = accounts.List().Select(AccountDocument.From) }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var name = body.RequiredString("name");
        var settings = new Iam.Identities.AccountSettings { Email = body.OptionalString("email"), QuotaBytes = body.OptionalWholeNumber("quotaBytes") };
        var (account, key) = await accounts.CreateAsync(name, settings, call.Aborted).ConfigureAwait(false);
        return AdminResult.Created(new { Account = AccountDocument.From(account), RootAccessKey = AccessKeyDocument.From(key, withSecret: true) });
    }

    public Task<AdminResult> GetAsync(AdminCall call) => Task.FromResult(AdminResult.Ok(AccountDocument.From(call.Account)));

    /// <summary>Sets the fields present: a field given as null clears it (no e-mail, no quota); an absent one stays.</summary>
    public async Task<AdminResult> UpdateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var email = body.Has("email") ? (Value: body.OptionalString("email"), Set: true) : (null, false);
        var quota = body.Has("quotaBytes") ? (Value: body.OptionalWholeNumber("quotaBytes"), Set: true) : (null, false);
        var updated = await accounts.UpdateAsync(
            call.Account.Id,
            settings => settings with
            {
                Email = email.Set ? email.Value : settings.Email,
                QuotaBytes = quota.Set ? quota.Value : settings.QuotaBytes,
            },
            call.Aborted).ConfigureAwait(false);
        return AdminResult.Ok(AccountDocument.From(updated));
    }

    public async Task<AdminResult> DeleteAsync(AdminCall call)
    {
        await accounts.DeleteAsync(call.Account.Id, call.Aborted).ConfigureAwait(false);
        return AdminResult.NoContent;
    }
}
