using Nuage.Storage.Objects;

namespace Nuage.S3.ObjectLock;

/// <summary>The wire names of Object Lock: modes GOVERNANCE and COMPLIANCE, legal hold ON and OFF.</summary>
public static class ObjectLockNames
{
    public static string Mode(ObjectLockMode mode) => mode == ObjectLockMode.Compliance ? "COMPLIANCE" : "GOVERNANCE";

    public static ObjectLockMode? ParseMode(string? text) => text switch
    {
        "GOVERNANCE" => ObjectLockMode.Governance,
        "COMPLIANCE" => ObjectLockMode.Compliance,
        _ => null,
    };

    public static string LegalHold(bool on) => on ? "ON" : "OFF";

    public static bool? ParseLegalHold(string? text) => text switch
    {
        "ON" => true,
        "OFF" => false,
        _ => null,
    };
}
