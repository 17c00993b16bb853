namespace Nuage.Regions.Federation;

/// <summary>
/// The federation file as YAML gives it, before validation: every field optional here so that a missing one is
/// reported by <see cref="FederationFile"/> with the others, rather than as the deserializer's first exception.
/// </summary>
internal sealed class FederationDocument
{
    /// <summary>The control region's name.</summary>
    public string? Control { get; set; }

    public List<RegionEntry>? Regions { get; set; }

    internal sealed class RegionEntry
    {
        public string? Name { get; set; }

        /// <summary>The S3 endpoint, e.g. https://s3.paris.example.net.</summary>
        public string? S3 { get; set; }

        /// <summary>The console endpoint, e.g. https://console.paris.example.net.</summary>
        public string? Console { get; set; }
    }
}
