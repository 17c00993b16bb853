
namespace Nuage.Signing;

/// <summary>
/// Parses "AWS4-HMAC-SHA256 Credential=AK/date/region/s3/aws4_request, SignedHeaders=a;b, Signature=hex"
/// ("Authenticating Requests: Using the Authorization Header"). Components may be separated by commas, spaces or
/// both, in any order, as SDKs differ; none of the values can contain either.
/// </summary>
internal static class AuthorizationHeaderParser
{
    public static SigV4Parameters Parse(string header)
    {
        var span = header.AsSpan().Trim();
        var space = span.IndexOf(' ');
        if (space < 0)
        {
            throw new SignatureException(SignatureErrorCode.InvalidArgument, "Authorization header is invalid -- one and only one ' ' (space) required");
        }

        var algorithm = span[..space];
        if (!algorithm.SequenceEqual(SigV4Constants.Algorithm))
        {
            // SigV2 ("AWS AK:sig") and SigV4a are real AWS mechanisms Nuage does not offer: say so as S3 does.
            if (algorithm.SequenceEqual("AWS") || algorithm.StartsWith("AWS4-ECDSA", StringComparison.Ordinal))
            {
                throw SignatureErrors.InvalidRequest(SignatureErrors.UnsupportedMechanism);
            }

            throw new SignatureException(SignatureErrorCode.InvalidArgument, "Unsupported Authorization Type");
        }

        var offset = header.Length - header.AsSpan().TrimStart().Length + space + 1;
        var rest = header.AsMemory(offset, span.Length - space - 1);
        ReadOnlyMemory<char> credential = default, signedHeaders = default, signature = default;
        bool hasCredential = false, hasSignedHeaders = false, hasSignature = false;
        var restSpan = rest.Span;
        var i = 0;
        while (i < restSpan.Length)
        {
            if (restSpan[i] is ',' or ' ' or '\t')
            {
                i++;
                continue;
            }

            var start = i;
            while (i < restSpan.Length && restSpan[i] is not (',' or ' ' or '\t'))
            {
                i++;
            }

            var component = rest[start..i];
            var eq = component.Span.IndexOf('=');
            if (eq <= 0)
            {
                throw SignatureErrors.HeaderMalformed($"the component \"{component}\" is not of the form Name=Value.");
            }

            var name = component.Span[..eq];
            var value = component[(eq + 1)..];
            if (name.SequenceEqual("Credential"))
            {
                Assign(ref credential, ref hasCredential, value, "Credential");
            }
            else if (name.SequenceEqual("SignedHeaders"))
            {
                Assign(ref signedHeaders, ref hasSignedHeaders, value, "SignedHeaders");
            }
            else if (name.SequenceEqual("Signature"))
            {
                Assign(ref signature, ref hasSignature, value, "Signature");
            }
            else
            {
                throw SignatureErrors.HeaderMalformed($"unknown component \"{name}\".");
            }
        }

        if (!hasCredential)
        {
            throw SignatureErrors.HeaderMalformed("missing Credential.");
        }

        if (!hasSignedHeaders || signedHeaders.IsEmpty)
        {
            throw SignatureErrors.HeaderMalformed("missing SignedHeaders.");
        }

        if (!hasSignature || signature.IsEmpty)
        {
            throw SignatureErrors.HeaderMalformed("missing Signature.");
        }

        CredentialScope.Parse(credential, presigned: false, out var accessKeyId, out var signingKeyId, out var scope, out var date, out var region, out var service);
        return new SigV4Parameters
        {
            Presigned = false,
            AccessKeyId = accessKeyId,
            SigningKeyId = signingKeyId,
            Scope = scope,
            ScopeDate = date,
            Region = region,
            Service = service,
            SignedHeaders = signedHeaders,
            Signature = signature,
        };
    }

    private static void Assign(ref ReadOnlyMemory<char> target, ref bool seen, ReadOnlyMemory<char> value, string name)
    {
        if (seen)
        {
            throw SignatureErrors.HeaderMalformed($"{name} appears twice.");
        }

        target = value;
        seen = true;
    }
}
