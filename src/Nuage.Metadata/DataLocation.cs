namespace Nuage.Metadata;

/// <summary>Where an object's bytes live: inline in the row (<see cref="InlineData"/>) or in blobs (<see cref="BlobManifest"/>).</summary>
public abstract record DataLocation
{
    private protected DataLocation()
    {
    }
}
