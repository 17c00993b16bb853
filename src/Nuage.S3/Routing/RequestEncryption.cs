using Microsoft.AspNetCore.Http;

namespace Nuage.S3.Routing;

/// <summary>
/// The encryption a write's headers ask for, as policies see it: s3:x-amz-server-side-encryption,
/// s3:x-amz-server-side-encryption-aws-kms-key-id (as sent: policies that require a key name it as the request
/// does) and s3:x-amz-server-side-encryption-customer-algorithm ("Actions, resources, and condition keys for Amazon S3"),
/// the keys of the usual "deny unencrypted uploads" bucket policy. Absent headers give absent keys, as in S3: a
/// bucket's default encryption does not put them in.
/// </summary>
public sealed record RequestEncryption(string? Algorithm, string? CustomerAlgorithm, string? KmsKeyId = null)
{
    public static RequestEncryption? From(IHeaderDictionary headers)
    {
        ArgumentNullException.ThrowIfNull(headers);
        var algorithm = headers["x-amz-server-side-encryption"].ToString();
        var customer = headers["x-amz-server-side-encryption-customer-algorithm"].ToString();
        var kmsKey = headers["x-amz-server-side-encryption-aws-kms-key-id"].ToString();
        return algorithm.Length == 0 && customer.Length == 0
            ? null
            : new RequestEncryption(algorithm.Length == 0 ? null : algorithm, customer.Length == 0 ? null : customer, kmsKey.Length == 0 ? null : kmsKey);
    }

    /// <summary>Adds the condition keys to <paramref name="conditions"/> (created when null and needed).</summary>
    public Dictionary<string, string> AddTo(Dictionary<string, string>? conditions)
    {
        conditions ??= new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        if (Algorithm is not null)
        {
            conditions["s3:x-amz-server-side-encryption"] = Algorithm;
        }

        if (KmsKeyId is not null)
        {
            conditions["s3:x-amz-server-side-encryption-aws-kms-key-id"] = KmsKeyId;
        }

        if (CustomerAlgorithm is not null)
        {
            conditions["s3:x-amz-server-side-encryption-customer-algorithm"] = CustomerAlgorithm;
        }

        return conditions;
    }
}
