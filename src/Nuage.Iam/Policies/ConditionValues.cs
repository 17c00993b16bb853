using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace Nuage.Iam.Policies;

/// <summary>
/// Reads condition values as the operator families understand them ("IAM JSON policy elements: Condition
/// operators"): decimal numbers, ISO 8601 dates or epoch seconds, "true"/"false", base-64 bytes, and IP
/// addresses or CIDR blocks (RFC 4632, IPv4 and IPv6). Policy values are checked when the policy is parsed;
/// request values that do not parse simply never match.
/// </summary>
internal static class ConditionValues
{
    public static bool IsValidPolicyValue(ConditionOperator.Families family, string value) => family switch
    {
        ConditionOperator.Families.Numeric => TryNumber(value, out _),
        ConditionOperator.Families.Date => TryDate(value, out _),
        ConditionOperator.Families.Bool => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Families.Null => value.Equals("true", StringComparison.OrdinalIgnoreCase) || value.Equals("false", StringComparison.OrdinalIgnoreCase),
        ConditionOperator.Families.Binary => TryBase64(value, out _),
        ConditionOperator.Families.IpAddress => TryCidr(value, out _, out _),
        _ => true,
    };

    public static bool TryNumber(string text, out decimal value) =>
        decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out value);

    /// <summary>ISO 8601 ("2026-01-01", "2026-01-01T12:00:00Z") or whole epoch seconds, both as AWS accepts them.</summary>
    public static bool TryDate(string text, out DateTimeOffset value)
    {
        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var epoch))
        {
            if (epoch is >= -62135596800 and <= 253402300799)
            {
                value = DateTimeOffset.FromUnixTimeSeconds(epoch);
                return true;
            }

            value = default;
            return false;
        }

        return DateTimeOffset.TryParse(
            text,
            CultureInfo.InvariantCulture,
            DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal,
            out value) && text.Length >= 10 && char.IsDigit(text[0]);
    }

    public static bool TryBase64(string text, out byte[] bytes)
    {
        var buffer = new byte[text.Length];
        if (Convert.TryFromBase64String(text, buffer, out var written))
        {
            bytes = buffer[..written];
            return true;
        }

        bytes = [];
        return false;
    }

    /// <summary>"10.0.0.0/8", "2001:db8::/32", or a bare address (a /32 or /128 block).</summary>
    public static bool TryCidr(string text, out IPAddress network, out int prefixLength)
    {
        prefixLength = -1;
        var slash = text.IndexOf('/', StringComparison.Ordinal);
        var addressText = slash < 0 ? text : text[..slash];
        if (!IPAddress.TryParse(addressText, out network!))
        {
            return false;
        }

        var bits = network.AddressFamily == AddressFamily.InterNetwork ? 32 : 128;
        if (slash < 0)
        {
            prefixLength = bits;
            return true;
        }

        return int.TryParse(text[(slash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out prefixLength)
            && prefixLength <= bits;
    }

    public static bool InCidr(string address, string cidr)
    {
        if (!IPAddress.TryParse(address, out var ip) || !TryCidr(cidr, out var network, out var prefix))
        {
            return false;
        }

        // An IPv4 client seen through a dual-stack socket arrives as ::ffff:a.b.c.d; compare it as IPv4.
        if (ip.IsIPv4MappedToIPv6)
        {
            ip = ip.MapToIPv4();
        }

        if (ip.AddressFamily != network.AddressFamily)
        {
            return false;
        }

        var a = ip.GetAddressBytes();
        var b = network.GetAddressBytes();
        for (var i = 0; i < a.Length && prefix > 0; i++, prefix -= 8)
        {
            var mask = prefix >= 8 ? 0xFF : (byte)(0xFF << (8 - prefix));
            if ((a[i] & mask) != (b[i] & mask))
            {
                return false;
            }
        }

        return true;
    }
}
