using System.Text;

namespace AiLab.Server.Api;

/// <summary>Cursor pagination over lists with a stable order: the cursor is the position key of the last item
/// returned (opaque to clients: base64url), so a page never repeats or skips an item when newer ones arrive.</summary>
internal static class Paging
{
    /// <summary>Items per page when <c>limit</c> is not given.</summary>
    public const int DefaultLimit = 50;

    /// <summary>The most a client may ask for in one page.</summary>
    public const int MaxLimit = 500;

    /// <summary>The page after <paramref name="cursor"/> of <paramref name="ordered"/>, whose items are identified by
    /// <paramref name="key"/> (unique within the list).</summary>
    /// <exception cref="BadRequestException">The limit is out of range or the cursor is not one this API made.</exception>
    public static Page<TOut> Apply<T, TOut>(IReadOnlyList<T> ordered, Func<T, string> key, int? limit, string? cursor,
        Func<T, TOut> project)
    {
        var size = Size(limit);
        var start = 0;
        if (!string.IsNullOrEmpty(cursor))
        {
            var after = Decode(cursor);
            var index = -1;
            for (var i = 0; i < ordered.Count; i++)
            {
                if (key(ordered[i]) == after) { index = i; break; }
            }

            if (index < 0) throw UnknownCursor();
            start = index + 1;
        }

        var items = ordered.Skip(start).Take(size).ToList();
        var next = start + size < ordered.Count ? Encode(key(items[^1])) : null;
        return new Page<TOut>([.. items.Select(project)], next);
    }

    /// <summary>The page size <paramref name="limit"/> asks for.</summary>
    /// <exception cref="BadRequestException">It is out of range.</exception>
    public static int Size(int? limit)
    {
        var size = limit ?? DefaultLimit;
        if (size < 1 || size > MaxLimit)
            throw new BadRequestException($"limit must be between 1 and {MaxLimit}; it was {size}");
        return size;
    }

    /// <summary>A page read from the store in order (keyset pagination in SQL): <paramref name="rows"/> holds up to
    /// one more than <paramref name="size"/>, which says whether a next page exists.</summary>
    public static Page<TOut> Of<T, TOut>(IReadOnlyList<T> rows, int size, Func<T, string> key, Func<T, TOut> project)
    {
        var items = rows.Take(size).ToList();
        return new Page<TOut>([.. items.Select(project)], rows.Count > size ? Encode(key(items[^1])) : null);
    }

    /// <summary>The key of the last item a <paramref name="cursor"/> returned, or null without one.</summary>
    /// <exception cref="BadRequestException">It is not a cursor this API made.</exception>
    public static string? After(string? cursor) => string.IsNullOrEmpty(cursor) ? null : Decode(cursor);

    /// <summary>The error for a cursor whose item is not in the list.</summary>
    public static BadRequestException UnknownCursor() =>
        new("cursor does not name an item of this list; start again without ?cursor");

    private static string Encode(string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(key)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string Decode(string cursor)
    {
        try
        {
            var padded = cursor.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - (padded.Length % 4)) % 4);
            return Encoding.UTF8.GetString(Convert.FromBase64String(padded));
        }
        catch (FormatException)
        {
            throw new BadRequestException($"cursor '{cursor}' is not a cursor this API returned");
        }
    }
}
