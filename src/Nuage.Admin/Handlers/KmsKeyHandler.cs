using Nuage.Admin.Http;
using Nuage.Admin.Json;
using Nuage.Iam;
using Nuage.Storage;
using Nuage.Storage.Encryption.Kms;

namespace Nuage.Admin.Handlers;

/// <summary>
/// An account's SSE-KMS keys (docs/encryption.md "SSE-KMS"): create (with an optional alias and description), list,
/// describe, disable, enable and rotate, the admin API's counterparts of AWS KMS CreateKey, ListKeys, DescribeKey,
/// DisableKey, EnableKey and RotateKeyOnDemand. {key} is a key id, key ARN, or URL-encoded alias ("alias%2Fname").
/// </summary>
public sealed class KmsKeyHandler(KmsKeyRing keys)
{
    public Task<AdminResult> ListAsync(AdminCall call) =>
        Task.FromResult(AdminResult.Ok(new { Keys = keys.List(call.Account.Id).Select(KmsKeyDocument.From) }));

    public async Task<AdminResult> CreateAsync(AdminCall call)
    {
        var body = await call.ReadJsonAsync().ConfigureAwait(false);
        var key = await Translate(() => keys.CreateAsync(call.Account.Id, body.OptionalString("alias"), body.OptionalString("description"), call.Aborted)).ConfigureAwait(false);
        return AdminResult.Created(KmsKeyDocument.From(key));
    }

    public Task<AdminResult> GetAsync(AdminCall call) =>
        Translate(() => Task.FromResult(AdminResult.Ok(KmsKeyDocument.From(keys.Find(call.Account.Id, KeyOf(call))))));

    public Task<AdminResult> DisableAsync(AdminCall call) => SetEnabledAsync(call, false);

    public Task<AdminResult> EnableAsync(AdminCall call) => SetEnabledAsync(call, true);

    public async Task<AdminResult> RotateAsync(AdminCall call) =>
        AdminResult.Ok(KmsKeyDocument.From(await Translate(() => keys.RotateAsync(call.Account.Id, KeyOf(call), call.Aborted)).ConfigureAwait(false)));

    /// <summary>The ARN a route's {key} names, for authorization: the key's own when it exists.</summary>
    public string ResourceArn(string accountId, string? keyReference)
    {
        if (keyReference is null)
        {
            return keys.ArnOf(accountId, "*");
        }

        try
        {
            return keys.Find(accountId, Uri.UnescapeDataString(keyReference)).Arn;
        }
        catch (StorageException)
        {
            return keys.ArnOf(accountId, Uri.UnescapeDataString(keyReference));
        }
    }

    private async Task<AdminResult> SetEnabledAsync(AdminCall call, bool enabled) =>
        AdminResult.Ok(KmsKeyDocument.From(await Translate(() => keys.SetEnabledAsync(call.Account.Id, KeyOf(call), enabled, call.Aborted)).ConfigureAwait(false)));

    private static string KeyOf(AdminCall call) => Uri.UnescapeDataString(call["key"]);

    /// <summary>The key ring's refusals as the admin API's errors: an unknown key is NoSuchEntity, bad input InvalidInput.</summary>
    private static async Task<T> Translate<T>(Func<Task<T>> action)
    {
        try
        {
            return await action().ConfigureAwait(false);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.KmsKeyNotFound)
        {
            throw new IamException(IamErrorCode.NoSuchEntity, e.Message);
        }
        catch (StorageException e) when (e.Code == StorageErrorCode.InvalidArgument)
        {
            throw new IamException(e.ArgumentName == "alias" && e.Message.Contains("already", StringComparison.Ordinal) ? IamErrorCode.EntityAlreadyExists : IamErrorCode.InvalidInput, e.Message);
        }
    }
}
