using System.Globalization;
using Integrations.Apps.Actions;

namespace Integrations.Apps.Posts;

/// <summary>What any post must be, whatever its app: its sizes, its URLs and its time.</summary>
internal static class PostRules
{
    public const int MaxText = ActionInputs.MaxLongText;
    public const int MaxUrl = 2_000;

    /// <summary>Null when <paramref name="url"/> is an absolute http(s) URL of at most <see cref="MaxUrl"/> characters; else why not.</summary>
    public static string? UrlError(string url) =>
        url.Length <= MaxUrl && Uri.TryCreate(url, UriKind.Absolute, out var parsed) && parsed.Scheme is "https" or "http"
            ? null
            : $"Expected an absolute http or https URL of at most {MaxUrl:N0} characters.";

    /// <summary><c>publish_at</c> in ISO 8601 with its offset (<c>2026-12-04T15:00:00Z</c>), or why not.</summary>
    public static (DateTimeOffset? At, string? Error) PublishAt(string? text, DateTimeOffset now, PostsOptions options)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return (null, "publish_at is required: when to publish, in ISO 8601 with an offset, e.g. 2026-12-04T15:00:00Z.");
        }

        if (!DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var at) || !ActionInputs.HasOffset(text.Trim()))
        {
            return (null, "Expected a date and time in ISO 8601 with an offset, e.g. 2026-12-04T15:00:00Z.");
        }

        return at < now - options.Grace ? (null, $"publish_at is in the past ({at.UtcDateTime:yyyy-MM-dd HH:mm} UTC); pick a time from now on.")
            : at > now + options.Horizon ? (null, $"publish_at is more than {options.Horizon.TotalDays:N0} days ahead.")
            : (at.ToUniversalTime(), null);
    }
}
