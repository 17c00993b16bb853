namespace Nuage.IamApi.Protocol;

/// <summary>
/// IAM's pagination ("Using pagination"): MaxItems (1 to 1000, 100 by default) and an opaque Marker; a truncated
/// page answers IsTruncated=true and the Marker to send next. The marker is the key of the next page's first item,
/// so a page resumes where the sorted list stands now and the server keeps no state.
/// </summary>
public readonly record struct Paging<T>(IReadOnlyList<T> Items, string? NextMarker)
{
    public void Write(QueryXml xml)
    {
        ArgumentNullException.ThrowIfNull(xml);
        xml.Element("IsTruncated", NextMarker is not null);
        xml.Element("Marker", NextMarker);
    }
}
