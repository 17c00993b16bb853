using System.Buffers.Text;
using System.Text;
using Nuage.S3.Errors;

namespace Nuage.S3.Routing;

/// <summary>
/// The continuation token of ListObjectsV2 and ListBuckets is opaque to clients; Nuage makes it the base64url of
/// the last key, prefix or bucket name returned, so a page resumes with an index seek and the server keeps no state.
/// </summary>
public static class ContinuationToken
{
    public static string Encode(string marker) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(marker));

    public static string Decode(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            throw new S3Exception(S3Error.InvalidArgument, "The continuation token provided is incorrect")
            {
                Details = [new("ArgumentName", "continuation-token")],
            };
        }
    }
}
