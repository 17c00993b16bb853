namespace Nuage.Iam;

/// <summary>The role behind an STS session, the session's name, and the inline session policy that narrows it.</summary>
public sealed record RoleSession(string RoleName, string RoleArn, string SessionName, string? SessionPolicy);
