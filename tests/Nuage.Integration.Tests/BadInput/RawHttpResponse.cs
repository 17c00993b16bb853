using System.Text;

namespace Nuage.Integration.Tests.BadInput;

/// <summary>An HTTP/1.1 answer read off a raw socket.</summary>
public sealed record RawHttpResponse(int Status, IReadOnlyDictionary<string, string> Headers, byte[] Body)
{
    public string Text => Encoding.UTF8.GetString(Body);

    /// <summary>The Code of an S3 XML error document, or null when the body is not one.</summary>
    public string? ErrorCode => S3ErrorDocument.TryParse(Text)?.Code;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;

    public override string ToString() =>
        $"{Status}\n{string.Join('\n', Headers.Select(h => $"{h.Key}: {h.Value}"))}\n\n{(Body.Length > 4000 ? Text[..4000] + "..." : Text)}";
}
