using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Integrations.Platform.Api;

/// <summary>The <c>limit</c> and <c>cursor</c> rules of the cursor-paged lists, so every list answers the same way.</summary>
public static class CursorPaging
{
    public const int DefaultLimit = 50;
    public const int MaxLimit = 200;

    /// <summary>Null when both are valid, else the 400 naming the parameter; <paramref name="take"/> is the page size.</summary>
    public static ValidationProblem? Check(string idPrefix, string? cursor, int? limit, out int take)
    {
        take = limit ?? DefaultLimit;
        if (take is < 1 or > MaxLimit)
        {
            return ApiProblems.Invalid("limit", $"limit must be between 1 and {MaxLimit}.");
        }

        return cursor is not null && !PublicId.TryParse(idPrefix, cursor, out _)
            ? ApiProblems.Invalid("cursor", "cursor is not one this API returned.")
            : null;
    }

    /// <summary>A page from up to <paramref name="take"/> + 1 fetched items; the extra one only says there is more.</summary>
    public static Page<T> PageOf<T>(IReadOnlyList<T> fetched, int take, Func<T, string> id)
    {
        var page = fetched.Take(take).ToList();
        var hasMore = fetched.Count > take;
        return new Page<T>(page, hasMore, hasMore ? id(page[^1]) : null);
    }
}
