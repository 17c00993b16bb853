using Nuage.Metadata;
using Nuage.Metadata.Sqlite;

namespace Nuage.Testing;

/// <summary>The embedded engine as tests open it: &lt;data&gt;/metadata.db, as `nuage server` does.</summary>
internal sealed class SqliteTestEngine : MetadataEngine
{
    public override string Name => "sqlite";

    public override IMetadataStore Open(string dataDirectory) =>
        new SqliteMetadataStore(Path.Combine(dataDirectory, "metadata.db"));

    public override string? ServerOption(string dataDirectory) => null;
}
