using System.Text;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Net.Http.Headers;
using Nuage.S3.Errors;

namespace Nuage.S3.Post;

/// <summary>
/// The fields of a POST form up to its <c>file</c> part, read with bounds (each field at most
/// <see cref="MaxFieldBytes"/>, all of them <see cref="MaxFormBytes"/>), and the file part left unread so its body
/// streams into storage. Fields after the file are never read, as S3 ignores them. Names are case-insensitive
/// (x-amz-meta-* names are lower-cased as metadata anyway).
/// </summary>
public sealed class PostForm
{
    public const int MaxFieldBytes = 20 * 1024;
    public const int MaxFormBytes = 1024 * 1024;

    private PostForm(Dictionary<string, string> fields, MultipartSection? file, string? fileName)
    {
        Fields = fields;
        File = file;
        FileName = fileName;
    }

    /// <summary>The fields before the file, by case-insensitive name.</summary>
    public IReadOnlyDictionary<string, string> Fields { get; }

    /// <summary>The file part, positioned at its body; null when the form has none.</summary>
    public MultipartSection? File { get; }

    /// <summary>The file part's filename, for ${filename} in the key.</summary>
    public string? FileName { get; }

    public string? Field(string name) => Fields.TryGetValue(name, out var value) ? value : null;

    /// <summary>The multipart boundary of the request's Content-Type; MalformedPOSTRequest when it has none.</summary>
    public static string Boundary(string? contentType)
    {
        if (!MediaTypeHeaderValue.TryParse(contentType, out var media)
            || !media.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase))
        {
            throw Malformed();
        }

        var boundary = HeaderUtilities.RemoveQuotes(media.Boundary).ToString();
        return boundary.Length is > 0 and <= 70 ? boundary : throw Malformed();
    }

    public static async Task<PostForm> ReadAsync(MultipartReader reader, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(reader);
        var fields = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var total = 0;
        var buffer = new byte[MaxFieldBytes + 1];
        try
        {
            while (await reader.ReadNextSectionAsync(cancellationToken) is { } section)
            {
                if (!ContentDispositionHeaderValue.TryParse(section.ContentDisposition, out var disposition)
                    || !disposition.DispositionType.Equals("form-data", StringComparison.OrdinalIgnoreCase))
                {
                    throw Malformed();
                }

                var name = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
                if (name.Equals("file", StringComparison.OrdinalIgnoreCase))
                {
                    var fileName = HeaderUtilities.RemoveQuotes(disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName).ToString();
                    return new PostForm(fields, section, fileName);
                }

                var length = await ReadFieldAsync(section.Body, buffer, cancellationToken);
                total += length;
                if (length > MaxFieldBytes || total > MaxFormBytes)
                {
                    throw new S3Exception(S3Error.MaxMessageLengthExceeded, "Your POST form fields are too large.");
                }

                fields[name] = Encoding.UTF8.GetString(buffer, 0, length);
            }
        }
        catch (InvalidDataException)
        {
            throw Malformed();
        }
        catch (IOException e) when (IsTruncated(e))
        {
            throw Malformed();
        }

        return new PostForm(fields, null, null);
    }

    /// <summary>MultipartReader's words for a body that ends before its closing boundary.</summary>
    internal static bool IsTruncated(IOException e) => e.Message.StartsWith("Unexpected end of Stream", StringComparison.Ordinal);

    internal static S3Exception Malformed() =>
        new(S3Error.MalformedPOSTRequest, "The body of your POST request is not well-formed multipart/form-data.");

    /// <summary>Reads at most buffer.Length bytes of the field, then drains nothing more: a longer field is refused.</summary>
    private static async Task<int> ReadFieldAsync(Stream body, byte[] buffer, CancellationToken cancellationToken)
    {
        var length = 0;
        while (length < buffer.Length)
        {
            var n = await body.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (n == 0)
            {
                break;
            }

            length += n;
        }

        return length;
    }
}
