namespace Nuage.Admin.Json;

/// <summary>Every admin API error: <c>{"error":{"code":"NoSuchEntity","message":"..."}}</c>.</summary>
public sealed record ErrorDocument(ErrorDetail Error)
{
    public static ErrorDocument Of(string code, string message) => new(new ErrorDetail(code, message));
}
