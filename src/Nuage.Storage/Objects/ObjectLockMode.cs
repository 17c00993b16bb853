namespace Nuage.Storage.Objects;

/// <summary>
/// Object Lock retention modes (AWS "Object Lock retention modes"): GOVERNANCE may be shortened or removed by a
/// caller allowed to bypass it (x-amz-bypass-governance-retention); COMPLIANCE by no one until it expires.
/// </summary>
public enum ObjectLockMode
{
    Governance,
    Compliance,
}
