namespace Nuage.Signing;

/// <summary>Splits "AK/yyyymmdd/region/service/aws4_request" (the Credential of header and query auth).</summary>
internal static class CredentialScope
{
    public static void Parse(
        ReadOnlyMemory<char> credential,
        bool presigned,
        out ReadOnlyMemory<char> accessKeyId,
        out ReadOnlyMemory<char> signingKeyId,
        out ReadOnlyMemory<char> scope,
        out ReadOnlyMemory<char> date,
        out ReadOnlyMemory<char> region,
        out ReadOnlyMemory<char> service)
    {
        var span = credential.Span;
        Span<Range> parts = stackalloc Range[6];
        if (span.Split(parts, '/') != 5)
        {
            throw SignatureErrors.CredentialMalformed(presigned);
        }

        var key = parts[0];
        var day = parts[1];
        var reg = parts[2];
        var svc = parts[3];
        var terminator = span[parts[4]];
        if (span[key].IsEmpty || span[reg].IsEmpty || !IsDate(span[day]) || !terminator.SequenceEqual(SigV4Constants.Terminator))
        {
            throw SignatureErrors.CredentialMalformed(presigned);
        }

        // Any region is accepted: clients default to us-east-1 whatever the Nuage region is called, and the region
        // only salts the signing key, which is derived from what the client claimed. The service is checked by the
        // authenticator, which knows the services its door serves.
        accessKeyId = credential[key];
        signingKeyId = credential[..svc.End.GetOffset(span.Length)];
        service = credential[svc];
        scope = credential[day.Start.GetOffset(span.Length)..];
        date = credential[day];
        region = credential[reg];
    }

    private static bool IsDate(ReadOnlySpan<char> s)
    {
        if (s.Length != 8)
        {
            return false;
        }

        foreach (var c in s)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }

        return true;
    }
}
