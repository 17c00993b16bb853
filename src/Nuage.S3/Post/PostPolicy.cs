using System.Globalization;
using System.Text.Json;
using Nuage.S3.Errors;

namespace Nuage.S3.Post;

/// <summary>One condition of a POST policy: exact match or prefix on a form field ("Creating a POST policy").</summary>
/// <param name="Field">The form field, lower case, without its "$".</param>
/// <param name="Text">The condition as the policy wrote it, for the error message.</param>
public sealed record PostPolicyCondition(string Field, bool StartsWith, string Value, string Text);

/// <summary>
/// A browser POST form's policy ("Creating a POST policy"): base64 of a JSON document with an ISO 8601
/// <c>expiration</c> and <c>conditions</c>: <c>{"field": "value"}</c> or <c>["eq", "$field", "value"]</c> (exact),
/// <c>["starts-with", "$field", "prefix"]</c> (an empty prefix allows anything) and
/// <c>["content-length-range", min, max]</c>. Operators and field names are case-insensitive; the document's own
/// keys (<c>expiration</c>, <c>conditions</c>) are not. A document that cannot be read is 400 InvalidPolicyDocument;
/// a form it does not allow is 403 AccessDenied with S3's "Invalid according to Policy: ..." message.
/// </summary>
public sealed class PostPolicy
{
    /// <summary>
    /// Fields that no condition needs to cover (AWS: the signature fields, the file, x-ignore-*); x-amz-checksum-*
    /// too, since the checksum is verified against the file itself (ceph/s3-tests test_post_object_upload_checksum).
    /// </summary>
    private static readonly string[] Uncovered = ["policy", "signature", "file", "x-amz-signature", "awsaccesskeyid"];

    private static readonly string[] ExpirationFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'",
    ];

    private PostPolicy(DateTimeOffset expiration, IReadOnlyList<PostPolicyCondition> conditions, long? minLength, long? maxLength)
    {
        Expiration = expiration;
        Conditions = conditions;
        MinLength = minLength;
        MaxLength = maxLength;
    }

    public DateTimeOffset Expiration { get; }

    public IReadOnlyList<PostPolicyCondition> Conditions { get; }

    /// <summary>content-length-range's minimum, when the policy has one.</summary>
    public long? MinLength { get; }

    /// <summary>content-length-range's maximum, when the policy has one.</summary>
    public long? MaxLength { get; }

    /// <summary>Decodes and parses the base64 policy field. Throws S3Exception InvalidPolicyDocument.</summary>
    public static PostPolicy Parse(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        byte[] json;
        try
        {
            json = Convert.FromBase64String(base64.Trim());
        }
        catch (FormatException)
        {
            throw Invalid("Invalid Policy: Invalid Simple-Policy.");
        }

        try
        {
            using var document = JsonDocument.Parse(json);
            return Read(document.RootElement);
        }
        catch (JsonException)
        {
            throw Invalid("Invalid Policy: Invalid JSON.");
        }
    }

    /// <summary>
    /// Checks the form against the policy: not expired, every condition holds, every field is covered by one.
    /// Throws S3Exception AccessDenied. The content-length-range is checked while the file streams.
    /// </summary>
    /// <param name="fields">The form's fields before the file, names matched case-insensitively.</param>
    public void Check(IReadOnlyDictionary<string, string> fields, string bucket, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(bucket);
        if (Expiration <= now)
        {
            throw Denied("Invalid according to Policy: Policy expired.");
        }

        var covered = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var condition in Conditions)
        {
            covered.Add(condition.Field);
            var value = condition.Field == "bucket" ? bucket : fields.GetValueOrDefault(condition.Field);
            if (!Holds(condition, value))
            {
                throw Denied("Invalid according to Policy: Policy Condition failed: " + condition.Text);
            }
        }

        var extra = fields.Keys
            .Where(name => !covered.Contains(name) && !Uncovered.Contains(name, StringComparer.OrdinalIgnoreCase)
                && !name.StartsWith("x-ignore-", StringComparison.OrdinalIgnoreCase)
                && !name.StartsWith("x-amz-checksum-", StringComparison.OrdinalIgnoreCase))
            .ToList();
        if (extra.Count > 0)
        {
            throw Denied("Invalid according to Policy: Extra input fields: " + string.Join(", ", extra));
        }
    }

    /// <summary>A field the form does not carry fails its condition, even an empty starts-with.</summary>
    private static bool Holds(PostPolicyCondition condition, string? value)
    {
        if (value is null)
        {
            return false;
        }

        return condition.StartsWith
            ? value.StartsWith(condition.Value, StringComparison.Ordinal)
            : string.Equals(value, condition.Value, StringComparison.Ordinal);
    }

    private static PostPolicy Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Invalid("Invalid Policy: Invalid JSON.");
        }

        if (!root.TryGetProperty("expiration", out var expirationElement))
        {
            throw Invalid("Invalid Policy: Policy missing expiration.");
        }

        if (expirationElement.ValueKind != JsonValueKind.String
            || !DateTimeOffset.TryParseExact(
                expirationElement.GetString(), ExpirationFormats, CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var expiration))
        {
            throw Invalid($"Invalid Policy: Invalid 'expiration' value: '{expirationElement}'");
        }

        if (!root.TryGetProperty("conditions", out var conditionsElement) || conditionsElement.ValueKind != JsonValueKind.Array)
        {
            throw Invalid("Invalid Policy: Policy missing conditions.");
        }

        var conditions = new List<PostPolicyCondition>();
        long? min = null;
        long? max = null;
        foreach (var element in conditionsElement.EnumerateArray())
        {
            if (element.ValueKind == JsonValueKind.Object)
            {
                var count = 0;
                foreach (var property in element.EnumerateObject())
                {
                    count++;
                    if (property.Value.ValueKind != JsonValueKind.String)
                    {
                        throw Invalid("Invalid Policy: Invalid Simple-Condition: value must be a string.");
                    }

                    var text = JsonSerializer.Serialize(new Dictionary<string, string> { [property.Name] = property.Value.GetString()! });
                    conditions.Add(new(Field(property.Name), false, property.Value.GetString()!, text));
                }

                if (count != 1)
                {
                    throw Invalid("Invalid Policy: Invalid Simple-Condition: Simple-Conditions must have exactly one property specified.");
                }
            }
            else if (element.ValueKind == JsonValueKind.Array)
            {
                var items = element.EnumerateArray().ToList();
                var op = items.Count > 0 && items[0].ValueKind == JsonValueKind.String ? items[0].GetString()! : string.Empty;
                if (op.Equals("content-length-range", StringComparison.OrdinalIgnoreCase))
                {
                    if (items.Count != 3 || !TryLength(items[1], out var low) || !TryLength(items[2], out var high) || low > high)
                    {
                        throw Invalid("Invalid Policy: Invalid content-length-range condition: " + element.GetRawText());
                    }

                    min = low;
                    max = high;
                    continue;
                }

                var exact = op.Equals("eq", StringComparison.OrdinalIgnoreCase);
                if ((!exact && !op.Equals("starts-with", StringComparison.OrdinalIgnoreCase))
                    || items.Count != 3 || items[1].ValueKind != JsonValueKind.String || items[2].ValueKind != JsonValueKind.String)
                {
                    throw Invalid("Invalid Policy: Invalid condition: " + element.GetRawText());
                }

                var name = items[1].GetString()!;
                if (!name.StartsWith('$') || name.Length == 1)
                {
                    throw Invalid("Invalid Policy: Invalid condition: the field name must start with '$': " + element.GetRawText());
                }

                conditions.Add(new(Field(name[1..]), !exact, items[2].GetString()!, element.GetRawText()));
            }
            else
            {
                throw Invalid("Invalid Policy: Invalid condition: " + element.GetRawText());
            }
        }

        return new PostPolicy(expiration, conditions, min, max);
    }

    private static bool TryLength(JsonElement element, out long value)
    {
        value = 0;
        var ok = element.ValueKind switch
        {
            JsonValueKind.Number => element.TryGetInt64(out value),
            JsonValueKind.String => long.TryParse(element.GetString(), NumberStyles.None, CultureInfo.InvariantCulture, out value),
            _ => false,
        };
        return ok && value >= 0;
    }

    private static string Field(string name) => name.ToLowerInvariant();

    private static S3Exception Invalid(string message) => new(S3Error.InvalidPolicyDocument, message);

    private static S3Exception Denied(string message) => new(S3Error.AccessDenied, message);
}
