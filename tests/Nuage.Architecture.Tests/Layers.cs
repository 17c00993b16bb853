namespace Nuage.Architecture.Tests;

/// <summary>
/// Every project under src/ by layer (docs/architecture.md). A new project fails
/// <see cref="LayeringTests.Every_project_under_src_has_a_layer"/> until it is placed here.
/// </summary>
internal static class Layers
{
    /// <summary>Turn a protocol into service calls; never open a store.</summary>
    public static readonly string[] FrontDoors = ["Nuage.S3", "Nuage.IamApi", "Nuage.IotData", "Nuage.Mqtt", "Nuage.Admin"];

    /// <summary>
    /// Request signing: the SigV4 verifier the front doors run on HttpRequest, and the signer Nuage.Regions uses for
    /// calls to other regions. HTTP-facing, so held to the front doors' rule.
    /// </summary>
    public static readonly string[] FrontDoorLibraries = ["Nuage.Signing"];

    public static readonly string[] Services = ["Nuage.Storage", "Nuage.Iam", "Nuage.Iot", "Nuage.Regions"];

    /// <summary>The store contracts services compile against.</summary>
    public static readonly string[] Contracts = ["Nuage.Metadata"];

    /// <summary>Store implementations: engines and what only engines share, and the blob store.</summary>
    public static readonly string[] Stores = ["Nuage.Metadata.Sqlite", "Nuage.Metadata.Postgres", "Nuage.Metadata.Core", "Nuage.Blobs"];

    /// <summary>Used by every layer: the metrics registry and request logging.</summary>
    public static readonly string[] CrossCutting = ["Nuage.Telemetry"];

    /// <summary>The composition root: the only project that sees every layer.</summary>
    public static readonly string[] Host = ["Nuage.Host"];

    public static IEnumerable<string> All =>
        FrontDoors.Concat(FrontDoorLibraries).Concat(Services).Concat(Contracts).Concat(Stores).Concat(CrossCutting).Concat(Host);
}
