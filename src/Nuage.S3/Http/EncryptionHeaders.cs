using System.Security.Cryptography;
using Microsoft.AspNetCore.Http;
using Nuage.S3.Errors;
using Nuage.Storage.Encryption;

namespace Nuage.S3.Http;

/// <summary>
/// The server-side encryption headers of S3 ("Protecting data with server-side encryption"): what a write asks
/// for (x-amz-server-side-encryption, or the three x-amz-server-side-encryption-customer-* headers of SSE-C), the
/// SSE-C key a read or a copy source brings, and the headers every answer about an encrypted object carries.
/// SSE-KMS (aws:kms, aws:kms:dsse) is not served yet and is passed over as before encryption existed.
/// </summary>
public static class EncryptionHeaders
{
    public const string Algorithm = "x-amz-server-side-encryption";
    public const string CustomerPrefix = "x-amz-server-side-encryption-customer-";
    public const string CopySourceCustomerPrefix = "x-amz-copy-source-server-side-encryption-customer-";
    public const string Aes256 = "AES256";

    /// <summary>
    /// The encryption a write asks for: SSE-S3 or SSE-C from its headers, else the bucket's default
    /// (<paramref name="bucketDefault"/>), else none.
    /// </summary>
    public static EncryptionRequest? ForWrite(IHeaderDictionary headers, EncryptionRequest? bucketDefault)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var customer = ReadCustomerKey(headers, CustomerPrefix);
        var sse = headers[Algorithm].ToString();
        if (sse.Length > 0 && customer is not null)
        {
            // AWS: SSE-C and x-amz-server-side-encryption are exclusive on one request.
            throw new S3Exception(S3Error.InvalidArgument, "Server Side Encryption with Customer provided key is incompatible with the encryption method specified");
        }

        if (customer is not null)
        {
            return EncryptionRequest.Customer(customer);
        }

        return sse switch
        {
            "" => bucketDefault,
            Aes256 => EncryptionRequest.S3Managed,

            // SSE-KMS is out of scope for now; the header is passed over exactly as before (docs/encryption.md).
            "aws:kms" or "aws:kms:dsse" => bucketDefault,
            _ => throw new S3Exception(S3Error.InvalidArgument, "The encryption method specified is not supported"),
        };
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
    /// the key the request brought (AWS echoes them so the client can check the key round trip).
    /// </summary>
    public static void Write(HttpResponse response, ServerSideEncryption? mode, CustomerKey? customerKey)
    {
        ArgumentNullException.ThrowIfNull(response);
        switch (mode)
        {
            case ServerSideEncryption.S3ManagedKey:
                response.Headers[Algorithm] = Aes256;
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
