using Nuage.IamApi.Errors;

namespace Nuage.IamApi.Protocol;

/// <summary>Cuts one page out of a sorted list by the request's Marker and MaxItems (see <see cref="Paging{T}"/>).</summary>
public static class Pages
{
    public const int DefaultMaxItems = 100;
    public const int MaxMaxItems = 1000;

    public static Paging<T> Of<T>(IEnumerable<T> items, Func<T, string> key, QueryRequest request)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(request);
        var max = request.GetInt("MaxItems") ?? DefaultMaxItems;
        if (max is < 1 or > MaxMaxItems)
        {
            throw new QueryApiException(QueryError.ValidationError, $"1 validation error detected: Value '{max}' at 'maxItems' failed to satisfy constraint: Member must have value between 1 and {MaxMaxItems}");
        }

        var marker = request.Get("Marker");
        var sorted = items.OrderBy(key, StringComparer.OrdinalIgnoreCase).ThenBy(key, StringComparer.Ordinal);
        var rest = marker is null ? sorted : sorted.SkipWhile(i => string.Compare(key(i), marker, StringComparison.OrdinalIgnoreCase) < 0);
        var page = rest.Take(max + 1).ToList();
        if (page.Count <= max)
        {
            return new Paging<T>(page, null);
        }

        var next = key(page[max]);
        page.RemoveAt(max);
        return new Paging<T>(page, next);
    }
}
