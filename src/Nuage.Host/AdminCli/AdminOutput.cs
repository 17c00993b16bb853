using System.Text.Json;

namespace Nuage.Host.AdminCli;

/// <summary>
/// Prints an answer: with --output json the server's JSON as is (for jq and scripts); as a table otherwise, one
/// row per item with the columns a person needs, values that are lists joined with commas.
/// </summary>
public static class AdminOutput
{
    public static void Write(TextWriter output, JsonElement? answer, bool json, AdminTable table)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(table);
        if (answer is not { } value)
        {
            if (!json && table.Done is not null)
            {
                output.WriteLine(table.Done);
            }

            return;
        }

        if (json)
        {
            output.WriteLine(JsonSerializer.Serialize(value, Indented));
            return;
        }

        var source = table.Items is null ? value : value.GetProperty(table.Items);
        var rows = source.ValueKind == JsonValueKind.Array ? source.EnumerateArray().ToList() : [source];
        var cells = rows.Select(row => table.Columns.Select(c => Cell(row, c.Property)).ToArray()).ToList();
        var widths = table.Columns.Select((c, i) => Math.Max(c.Header.Length, cells.Count == 0 ? 0 : cells.Max(r => r[i].Length))).ToArray();
        output.WriteLine(string.Join("  ", table.Columns.Select((c, i) => c.Header.PadRight(widths[i]))).TrimEnd());
        foreach (var row in cells)
        {
            output.WriteLine(string.Join("  ", row.Select((cell, i) => cell.PadRight(widths[i]))).TrimEnd());
        }

        table.After?.Invoke(value, output);
    }

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>A property of the row ("a.b" reaches into an object), as text; "-" when absent or null.</summary>
    private static string Cell(JsonElement row, string property)
    {
        var value = row;
        foreach (var name in property.Split('.'))
        {
            if (value.ValueKind != JsonValueKind.Object || !value.TryGetProperty(name, out value))
            {
                return "-";
            }
        }

        return value.ValueKind switch
        {
            // Timestamps to the second, in UTC: the fractions the JSON keeps only widen a table.
            JsonValueKind.String when property.EndsWith("At", StringComparison.Ordinal) && value.TryGetDateTimeOffset(out var time) =>
                time.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Array => value.GetArrayLength() == 0 ? "-" : string.Join(",", value.EnumerateArray().Select(v => v.ValueKind == JsonValueKind.String ? v.GetString() : v.GetRawText())),
            JsonValueKind.Null or JsonValueKind.Undefined => "-",
            _ => value.GetRawText(),
        };
    }
}
