using Nuage.Iam.Sessions;
using Nuage.IamApi.Protocol;

namespace Nuage.IamApi.Handlers;

/// <summary>
/// STS: GetCallerIdentity, GetSessionToken, AssumeRole ("AWS Security Token Service API Reference"). The first two
/// need no permission ("No permissions are required to perform this operation"); AssumeRole is decided by the
/// role's trust policy and, across accounts, the caller's own policies (<see cref="StsService"/>).
/// </summary>
public sealed class StsHandler(StsService sts)
{
    public void Register(IDictionary<string, IamAction> actions)
    {
        ArgumentNullException.ThrowIfNull(actions);
        actions["GetCallerIdentity"] = GetCallerIdentityAsync;
        actions["GetSessionToken"] = GetSessionTokenAsync;
        actions["AssumeRole"] = AssumeRoleAsync;
    }

    private static Task<ResultWriter?> GetCallerIdentityAsync(IamCall call)
    {
        var principal = call.Principal;
        return Task.FromResult<ResultWriter?>(xml =>
        {
            xml.Element("Arn", principal.Arn);
            xml.Element("UserId", principal.UserId);
            xml.Element("Account", principal.AccountId);
        });
    }

    private Task<ResultWriter?> GetSessionTokenAsync(IamCall call)
    {
        var credentials = sts.GetSessionToken(call.Principal, call.Request.GetInt("DurationSeconds"));
        return Task.FromResult<ResultWriter?>(xml => WriteCredentials(xml, credentials));
    }

    private async Task<ResultWriter?> AssumeRoleAsync(IamCall call)
    {
        var roleArn = call.Request.Require("RoleArn");
        var session = await sts.AssumeRoleAsync(
            call.Query("sts:AssumeRole", roleArn) with { ResourceOwnerAccountId = null },
            call.Request.Require("RoleSessionName"),
            call.Request.GetInt("DurationSeconds"),
            call.Request.Get("Policy"),
            call.Cancellation);
        return xml =>
        {
            WriteCredentials(xml, session.Credentials);
            xml.Start("AssumedRoleUser");
            xml.Element("AssumedRoleId", session.AssumedRoleId);
            xml.Element("Arn", session.Arn);
            xml.End();
        };
    }

    private static void WriteCredentials(QueryXml xml, TemporaryCredentials credentials)
    {
        xml.Start("Credentials");
        xml.Element("AccessKeyId", credentials.AccessKeyId);
        xml.Element("SecretAccessKey", credentials.SecretAccessKey);
        xml.Element("SessionToken", credentials.SessionToken);
        xml.Element("Expiration", credentials.Expiration);
        xml.End();
    }
}
