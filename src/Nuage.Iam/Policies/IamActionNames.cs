namespace Nuage.Iam.Policies;

/// <summary>
/// The IAM and STS action names that tools (awscli, Terraform, the SDKs' IAM clients) send, from the Service
/// Authorization Reference, "Actions defined by AWS Identity and Access Management" and "... by AWS Security Token
/// Service". Policies may name them before Nuage implements them; a name outside these tables is malformed.
/// </summary>
internal static class IamActionNames
{
    public static readonly string[] Iam =
    [
        "AddClientIDToOpenIDConnectProvider", "AddRoleToInstanceProfile", "AddUserToGroup",
        "AttachGroupPolicy", "AttachRolePolicy", "AttachUserPolicy", "ChangePassword",
        "CreateAccessKey", "CreateAccountAlias", "CreateGroup", "CreateInstanceProfile", "CreateLoginProfile",
        "CreateOpenIDConnectProvider", "CreatePolicy", "CreatePolicyVersion", "CreateRole", "CreateSAMLProvider",
        "CreateServiceLinkedRole", "CreateUser", "CreateVirtualMFADevice", "DeactivateMFADevice",
        "DeleteAccessKey", "DeleteAccountAlias", "DeleteAccountPasswordPolicy", "DeleteGroup", "DeleteGroupPolicy",
        "DeleteInstanceProfile", "DeleteLoginProfile", "DeleteOpenIDConnectProvider", "DeletePolicy",
        "DeletePolicyVersion", "DeleteRole", "DeleteRolePermissionsBoundary", "DeleteRolePolicy",
        "DeleteSAMLProvider", "DeleteServiceLinkedRole", "DeleteUser", "DeleteUserPermissionsBoundary",
        "DeleteUserPolicy", "DeleteVirtualMFADevice", "DetachGroupPolicy", "DetachRolePolicy", "DetachUserPolicy",
        "EnableMFADevice", "GetAccessKeyLastUsed", "GetAccountAuthorizationDetails", "GetAccountPasswordPolicy",
        "GetAccountSummary", "GetContextKeysForCustomPolicy", "GetContextKeysForPrincipalPolicy", "GetGroup",
        "GetGroupPolicy", "GetInstanceProfile", "GetLoginProfile", "GetOpenIDConnectProvider", "GetPolicy",
        "GetPolicyVersion", "GetRole", "GetRolePolicy", "GetSAMLProvider", "GetServiceLinkedRoleDeletionStatus",
        "GetUser", "GetUserPolicy", "ListAccessKeys", "ListAccountAliases", "ListAttachedGroupPolicies",
        "ListAttachedRolePolicies", "ListAttachedUserPolicies", "ListEntitiesForPolicy", "ListGroupPolicies",
        "ListGroups", "ListGroupsForUser", "ListInstanceProfileTags", "ListInstanceProfiles",
        "ListInstanceProfilesForRole", "ListMFADevices", "ListOpenIDConnectProviders", "ListPolicies",
        "ListPolicyTags", "ListPolicyVersions", "ListRolePolicies", "ListRoleTags", "ListRoles",
        "ListSAMLProviders", "ListUserPolicies", "ListUserTags", "ListUsers", "ListVirtualMFADevices", "PassRole",
        "PutGroupPolicy", "PutRolePermissionsBoundary", "PutRolePolicy", "PutUserPermissionsBoundary",
        "PutUserPolicy", "RemoveRoleFromInstanceProfile", "RemoveUserFromGroup", "ResyncMFADevice",
        "SetDefaultPolicyVersion", "SimulateCustomPolicy", "SimulatePrincipalPolicy", "TagInstanceProfile",
        "TagPolicy", "TagRole", "TagUser", "UntagInstanceProfile", "UntagPolicy", "UntagRole", "UntagUser",
        "UpdateAccessKey", "UpdateAccountPasswordPolicy", "UpdateAssumeRolePolicy", "UpdateGroup",
        "UpdateLoginProfile", "UpdateRole", "UpdateRoleDescription", "UpdateUser",
    ];

    public static readonly string[] Sts =
    [
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "AssumeRoot",
        "DecodeAuthorizationMessage", "GetAccessKeyInfo", "GetCallerIdentity", "GetFederationToken",
        "GetServiceBearerToken", "GetSessionToken", "SetContext", "SetSourceIdentity", "TagSession",
    ];

    /// <summary>The only actions a role trust policy may name ("AssumeRole policy may only specify STS AssumeRole actions").</summary>
    public static readonly string[] TrustPolicyActions =
    [
        "AssumeRole", "AssumeRoleWithSAML", "AssumeRoleWithWebIdentity", "SetContext", "SetSourceIdentity", "TagSession",
    ];
}
