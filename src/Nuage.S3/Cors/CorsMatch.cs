namespace Nuage.S3.Cors;

/// <summary>The rule that admitted a cross-origin request and the AllowedOrigin of it that matched.</summary>
public sealed record CorsMatch(CorsRule Rule, string AllowedOrigin)
{
    /// <summary>
    /// The rule allows every origin (<c>&lt;AllowedOrigin&gt;*&lt;/AllowedOrigin&gt;</c>): S3 then answers
    /// Access-Control-Allow-Origin: * and no Access-Control-Allow-Credentials, since browsers refuse credentials with
    /// a wildcard origin (Fetch standard, "CORS check").
    /// </summary>
    public bool AnyOrigin => AllowedOrigin == "*";
}
