using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Platform.Api;

/// <summary>The <c>limit</c> and <c>cursor</c> every list endpoint takes, checked and answered the same way everywhere.</summary>
/// <param name="Cursor">The id the previous page ended with, or null for the first page.</param>
public sealed record PageRequest(int Limit, Guid? Cursor)
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Null and the request when both are valid; else the 400 naming the field.</summary>
    /// <remarks><paramref name="limit"/> is bound as text: as an <c>int</c>, <c>limit=ten</c> or one past
    /// <c>int.MaxValue</c> failed in the binder with its own wording instead of this one.</remarks>
    public static ValidationProblem? TryRead(string? limit, string? cursor, string idPrefix, out PageRequest request)
    {
        request = new PageRequest(DefaultLimit, null);
        if (limit is not null)
        {
            if (!int.TryParse(limit, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var wanted)
                || wanted is < 1 or > MaxLimit)
            {
                return ApiProblems.Invalid("limit", $"limit must be a whole number from 1 to {MaxLimit}.");
            }

            request = request with { Limit = wanted };
        }

        if (cursor is null)
        {
            return null;
        }

        if (!PublicId.TryParse(idPrefix, cursor, out var id))
        {
            return ApiProblems.Invalid("cursor", "cursor is not one this API returned.");
        }

        request = request with { Cursor = id };
        return null;
    }

    /// <summary>A page from up to <c>Limit + 1</c> rows (the extra one only tells that there are more).</summary>
    public Page<T> ToPage<T>(IReadOnlyList<T> rows, Func<T, string> publicId)
    {
        var page = rows.Take(Limit).ToList();
        var hasMore = rows.Count > Limit;
        return new Page<T>(page, hasMore, hasMore ? publicId(page[^1]) : null);
    }
}
