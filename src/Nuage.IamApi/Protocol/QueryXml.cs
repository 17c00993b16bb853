using System.Globalization;
using System.Xml;

namespace Nuage.IamApi.Protocol;

/// <summary>
/// Writes the elements of one query-API response, every one in the response's namespace (an element written without
/// it would get xmlns="" and fall out of the document's namespace, which the SDKs' parsers do not match).
/// </summary>
public sealed class QueryXml
{
    private readonly XmlWriter _writer;
    private readonly string _ns;

    internal QueryXml(XmlWriter writer, string ns)
    {
        _writer = writer;
        _ns = ns;
    }

    public void Start(string name) => _writer.WriteStartElement(name, _ns);

    public void End() => _writer.WriteEndElement();

    /// <summary>An element with text; nothing when <paramref name="value"/> is null (IAM leaves out absent members).</summary>
    public void Element(string name, string? value)
    {
        if (value is not null)
        {
            _writer.WriteElementString(name, _ns, value);
        }
    }

    public void Element(string name, bool value) => Element(name, value ? "true" : "false");

    public void Element(string name, int value) => Element(name, value.ToString(CultureInfo.InvariantCulture));

    /// <summary>ISO 8601 in UTC, as IAM writes its dates (2012-05-08T23:34:01Z).</summary>
    public void Element(string name, DateTimeOffset value) =>
        Element(name, value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    /// <summary>A list as the query protocol writes it: &lt;Name&gt;&lt;member&gt;...&lt;/member&gt;...&lt;/Name&gt;.</summary>
    public void Members<T>(string name, IEnumerable<T> items, Action<QueryXml, T> writeMember)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(writeMember);
        Start(name);
        foreach (var item in items)
        {
            Start("member");
            writeMember(this, item);
            End();
        }

        End();
    }

    /// <summary>A list of strings: &lt;Name&gt;&lt;member&gt;text&lt;/member&gt;...&lt;/Name&gt;.</summary>
    public void Strings(string name, IEnumerable<string> items)
    {
        ArgumentNullException.ThrowIfNull(items);
        Start(name);
        foreach (var item in items)
        {
            Element("member", item);
        }

        End();
    }
}
