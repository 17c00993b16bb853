using System.Text.Encodings.Web;
using System.Text.Json;

namespace Nuage.Admin.Json;

/// <summary>How admin API documents are written: camelCase, indented for people reading curl output.</summary>
public static class AdminJson
{
    /// <summary>
    /// The relaxed encoder writes secrets as they are: the default one escapes a secret's '+' as \u002B, and a
    /// person copying it from the output would then sign with the wrong key. Bodies are application/json, never HTML.
    /// </summary>
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };
}
