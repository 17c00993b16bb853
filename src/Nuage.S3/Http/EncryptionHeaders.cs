using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.Storage.Encryption;

namespace Nuage.S3.Http;

/// <summary>
/// The server-side encryption headers of S3 ("Protecting data with server-side encryption"): what a write asks
/// for (x-amz-server-side-encryption, or the three x-amz-server-side-encryption-customer-* headers of SSE-C), the
/// SSE-C key a read or a copy source brings, and the headers every answer about an encrypted object carries.
/// SSE-KMS adds the key (x-amz-server-side-encryption-aws-kms-key-id), the S3 Bucket Key switch and the encryption
/// context; dual-layer SSE-KMS (aws:kms:dsse) answers NotImplemented.
/// </summary>
public static class EncryptionHeaders
{
    public const string Algorithm = "x-amz-server-side-encryption";
    public const string CustomerPrefix = "x-amz-server-side-encryption-customer-";
    public const string CopySourceCustomerPrefix = "x-amz-copy-source-server-side-encryption-customer-";
    public const string KmsKeyId = "x-amz-server-side-encryption-aws-kms-key-id";
    public const string KmsContext = "x-amz-server-side-encryption-context";
    public const string BucketKeyEnabled = "x-amz-server-side-encryption-bucket-key-enabled";
    public const string Aes256 = "AES256";
    public const string AwsKms = "aws:kms";

    // AWS KMS: an encryption context is at most 8,192 characters.
    private const int MaxContextBytes = 8192;

    /// <summary>
    /// The encryption a write asks for: SSE-S3, SSE-KMS or SSE-C from its headers, else the bucket's default
    /// (<paramref name="bucketDefault"/>), else none. The KMS key id and the encryption context are only valid with
    /// x-amz-server-side-encryption: aws:kms (400 InvalidArgument otherwise, as S3 answers them).
    /// </summary>
    public static RequestedEncryption? ForWrite(IHeaderDictionary headers, RequestedEncryption? bucketDefault)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var customer = ReadCustomerKey(headers, CustomerPrefix);
        var sse = headers[Algorithm].ToString();
        var keyId = headers[KmsKeyId].ToString();
        var context = headers[KmsContext].ToString();
        if (sse.Length > 0 && customer is not null)
        {
            // AWS: SSE-C and x-amz-server-side-encryption are exclusive on one request.
            throw new S3Exception(S3Error.InvalidArgument, "Server Side Encryption with Customer provided key is incompatible with the encryption method specified");
        }

        if ((keyId.Length > 0 || context.Length > 0) && sse != AwsKms)
        {
            throw new S3Exception(
                S3Error.InvalidArgument,
                "x-amz-server-side-encryption-aws-kms-key-id and x-amz-server-side-encryption-context are only valid with x-amz-server-side-encryption: aws:kms.");
        }

        if (customer is not null)
        {
            return new RequestedEncryption(ServerSideEncryption.CustomerKey, customer);
        }

        var requested = sse switch
        {
            "" => bucketDefault,
            Aes256 => RequestedEncryption.S3Managed,
            AwsKms => new RequestedEncryption(
                ServerSideEncryption.KmsKey, KmsKeyId: keyId.Length > 0 ? keyId : null,
                BucketKeyEnabled: bucketDefault is { Mode: ServerSideEncryption.KmsKey, BucketKeyEnabled: true }, Context: ReadContext(context)),
            "aws:kms:dsse" => throw new S3Exception(S3Error.NotImplemented, "Dual-layer SSE-KMS (aws:kms:dsse) is not implemented by Nuage."),
            _ => throw new S3Exception(S3Error.InvalidArgument, "The encryption method specified is not supported"),
        };

        // "Specifying this header with a PUT action doesn't affect bucket-level settings for S3 Bucket Key" (PutObject).
        return requested is { Mode: ServerSideEncryption.KmsKey } && ReadBucketKeyEnabled(headers) is { } bucketKey
            ? requested with { BucketKeyEnabled = bucketKey }
            : requested;
    }

    private static bool? ReadBucketKeyEnabled(IHeaderDictionary headers) => headers[BucketKeyEnabled].ToString() switch
    {
        "" => null,
        var v when v.Equals("true", StringComparison.OrdinalIgnoreCase) => true,
        var v when v.Equals("false", StringComparison.OrdinalIgnoreCase) => false,
        _ => throw new S3Exception(S3Error.InvalidArgument, "x-amz-server-side-encryption-bucket-key-enabled must be true or false."),
    };

    /// <summary>
    /// x-amz-server-side-encryption-context: "a Base64 encoded string of a UTF-8 encoded JSON, which contains the
    /// encryption context as key-value pairs" (PutObject); null when absent.
    /// </summary>
    private static IReadOnlyDictionary<string, string>? ReadContext(string header)
    {
        if (header.Length == 0)
        {
            return null;
        }

        try
        {
            var json = Convert.FromBase64String(header);
            if (json.Length > MaxContextBytes)
            {
                throw new FormatException("too long");
            }

            using var document = System.Text.Json.JsonDocument.Parse(json);
            if (document.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
            {
                throw new FormatException("not an object");
            }

            var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var property in document.RootElement.EnumerateObject())
            {
                pairs[property.Name] = property.Value.ValueKind == System.Text.Json.JsonValueKind.String
                    ? property.Value.GetString()!
                    : throw new FormatException("not a string");
            }

            return pairs;
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException)
        {
            throw new S3Exception(
                S3Error.InvalidArgument,
                "The header 'x-amz-server-side-encryption-context' shall be Base64-encoded UTF-8 string holding JSON which represents a string-string map of at most 8192 bytes.");
        }
    }

    /// <summary>
    /// The SSE-C key a read (GET, HEAD, GetObjectAttributes) brings. x-amz-server-side-encryption is refused on a read
    /// with 400 InvalidArgument, as S3 does: an SSE-S3 object needs no header to be read, and the header asks for
    /// nothing a read can do.
    /// </summary>
    public static CustomerKey? ForRead(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        if (headers.ContainsKey(Algorithm))
        {
            throw new S3Exception(S3Error.InvalidArgument, "The x-amz-server-side-encryption header is not supported for this operation.");
        }

        return ReadCustomerKey(headers, CustomerPrefix);
    }

    /// <summary>
    /// The SSE-C key of a request (<paramref name="prefix"/> is the plain or the copy-source form), or null when it
    /// sends none. All three headers are needed; the algorithm must be AES256, the key 256 bits of base64, and the
    /// MD5 the key's, each checked with AWS's error (InvalidArgument, InvalidEncryptionAlgorithmError).
    /// </summary>
    public static CustomerKey? ReadCustomerKey(IHeaderDictionary headers, string prefix)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(prefix);
        var algorithm = headers[prefix + "algorithm"].ToString();
        var key = headers[prefix + "key"].ToString();
        var md5 = headers[prefix + "key-MD5"].ToString();
        if (algorithm.Length == 0 && key.Length == 0 && md5.Length == 0)
        {
            return null;
        }

        if (algorithm.Length == 0)
        {
            throw new S3Exception(S3Error.InvalidArgument, "Requests specifying Server Side Encryption with Customer provided keys must provide a valid encryption algorithm.");
        }

        if (algorithm != Aes256)
        {
            throw new S3Exception(S3Error.InvalidEncryptionAlgorithmError);
        }

        if (key.Length == 0)
        {
            throw new S3Exception(S3Error.InvalidArgument, "Requests specifying Server Side Encryption with Customer provided keys must provide an appropriate secret key.");
        }

        Span<byte> raw = stackalloc byte[48];
        if (!Convert.TryFromBase64String(key, raw, out int length) || length != CustomerKey.Length)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The secret key was invalid for the specified algorithm.");
        }

        if (md5.Length == 0)
        {
            throw new S3Exception(S3Error.InvalidArgument, "Requests specifying Server Side Encryption with Customer provided keys must provide the client calculated MD5 of the secret key.");
        }

        var customer = new CustomerKey(raw[..length]);
        CryptographicOperations.ZeroMemory(raw);
        if (!CryptographicOperations.FixedTimeEquals(System.Text.Encoding.ASCII.GetBytes(customer.KeyMd5), System.Text.Encoding.ASCII.GetBytes(md5)))
        {
            throw new S3Exception(S3Error.InvalidArgument, "The calculated MD5 hash of the key did not match the hash that was provided.");
        }

        return customer;
    }

    /// <summary>
    /// The answer's headers: x-amz-server-side-encryption: AES256 for SSE-S3; for SSE-C the algorithm and the MD5 of
    /// the key the request brought (AWS echoes them so the client can check the key round trip); for SSE-KMS aws:kms,
    /// the key's ARN, the Bucket Key flag when set, and on writes (<paramref name="withContext"/>) the encryption context.
    /// </summary>
    public static void Write(
        HttpResponse response, ServerSideEncryption? mode, CustomerKey? customerKey,
        Nuage.Storage.Encryption.Kms.KmsEncryptionInfo? kms = null, bool withContext = false)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (mode)
        {
            case ServerSideEncryption.S3ManagedKey:
                response.Headers[Algorithm] = Aes256;
                break;
            case ServerSideEncryption.KmsKey:
                response.Headers[Algorithm] = AwsKms;
                if (kms is not null)
                {
                    response.Headers[KmsKeyId] = kms.KeyArn;
                    if (kms.BucketKeyEnabled)
                    {
                        response.Headers[BucketKeyEnabled] = "true";
                    }

                    if (withContext)
                    {
                        response.Headers[KmsContext] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(kms.ContextJson));
                    }
                }

                break;
            case ServerSideEncryption.CustomerKey:
                response.Headers[CustomerPrefix + "algorithm"] = Aes256;
                if (customerKey is not null)
                {
                    response.Headers[CustomerPrefix + "key-MD5"] = customerKey.KeyMd5;
                }

                break;
        }
    }
}
