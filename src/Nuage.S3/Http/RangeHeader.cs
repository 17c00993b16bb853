using System.Globalization;

namespace Nuage.S3.Http;

/// <summary>
/// A single byte range of a Range header (RFC 9110 §14.1.2) resolved against an object's size: "bytes=a-b",
/// open-ended "bytes=a-" and suffix "bytes=-n". S3 serves one range per request; a header it cannot parse, or one
/// asking for several ranges, is ignored and the whole object is returned, as S3 does.
/// </summary>
public readonly record struct RangeHeader(long Offset, long Length)
{
    public enum Outcome
    {
        /// <summary>No usable Range header: send the whole object with 200.</summary>
        WholeObject,
        /// <summary>Send Offset/Length with 206.</summary>
        Partial,
        /// <summary>416 InvalidRange.</summary>
        Unsatisfiable,
    }

    public static Outcome TryResolve(string? header, long size, out RangeHeader range)
    {
        range = default;
        if (string.IsNullOrWhiteSpace(header))
        {
            return Outcome.WholeObject;
        }

        var value = header.AsSpan().Trim();
        if (!value.StartsWith("bytes=", StringComparison.OrdinalIgnoreCase))
        {
            return Outcome.WholeObject;
        }

        var spec = value[6..].Trim();
        if (spec.IndexOf(',') >= 0)
        {
            return Outcome.WholeObject;
        }

        var dash = spec.IndexOf('-');
        if (dash < 0)
        {
            return Outcome.WholeObject;
        }

        var firstText = spec[..dash].Trim();
        var lastText = spec[(dash + 1)..].Trim();
        if (firstText.Length == 0)
        {
            // Suffix range: the last n bytes.
            if (!TryParse(lastText, out var suffix))
            {
                return Outcome.WholeObject;
            }

            if (suffix == 0 || size == 0)
            {
                return Outcome.Unsatisfiable;
            }

            var length = Math.Min(suffix, size);
            range = new RangeHeader(size - length, length);
            return Outcome.Partial;
        }

        if (!TryParse(firstText, out var first))
        {
            return Outcome.WholeObject;
        }

        long last;
        if (lastText.Length == 0)
        {
            last = size - 1;
        }
        else if (!TryParse(lastText, out last) || last < first)
        {
            return Outcome.WholeObject;
        }

        if (first >= size)
        {
            return Outcome.Unsatisfiable;
        }

        last = Math.Min(last, size - 1);
        range = new RangeHeader(first, last - first + 1);
        return Outcome.Partial;
    }

    private static bool TryParse(ReadOnlySpan<char> text, out long value) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out value);
}
