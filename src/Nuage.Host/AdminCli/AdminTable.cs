using System.Text.Json;

namespace Nuage.Host.AdminCli;

/// <summary>
/// How a verb's answer reads as a table: the array property holding the rows (null: the answer is the one row),
/// the columns as (header, JSON property), what to print after the table, and the line for an answer with no body.
/// </summary>
public sealed record AdminTable(string? Items, IReadOnlyList<(string Header, string Property)> Columns)
{
    public Action<JsonElement, TextWriter>? After { get; init; }

    public string? Done { get; init; }

    public static AdminTable Message(string done) => new(null, []) { Done = done };
}
