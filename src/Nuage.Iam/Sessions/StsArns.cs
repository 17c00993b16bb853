namespace Nuage.Iam.Sessions;

/// <summary>ARNs of STS sessions ("IAM identifiers": arn:aws:sts::ACCOUNT:assumed-role/ROLE-NAME/SESSION-NAME; no role path).</summary>
public static class StsArns
{
    public static string AssumedRole(string accountId, string roleName, string sessionName) =>
        "arn:aws:sts::" + accountId + ":assumed-role/" + roleName + "/" + sessionName;
}
