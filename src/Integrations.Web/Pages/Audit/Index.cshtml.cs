using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.Rendering;

namespace Integrations.Web.Pages.Audit;

/// <summary>The workspace's audit trail, newest first: GET filters and an "Older" cursor, so every view is a link.</summary>
public sealed class AuditModel(AuditLog log) : PageModel
{
    private const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? ObjectType { get; set; }
    [BindProperty(SupportsGet = true)] public string? ObjectId { get; set; }
    [BindProperty(SupportsGet = true)] public string? ActionName { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public ChangeSource? Source { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public string? Before { get; set; }

    public IReadOnlyList<AuditEntry> Entries { get; private set; } = [];

    /// <summary>The cursor of the next, older page; null on the last one.</summary>
    public string? OlderCursor { get; private set; }

    public bool IsFiltered => ObjectType is not null || ObjectId is not null || ActionName is not null || Actor is not null
                              || Source is not null || From is not null || To is not null;

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A cursor we did not hand out (edited or stale link) just shows the newest page.
        Guid? before = PublicId.TryParse(IdPrefixes.Audit, Before, out var id) ? id : null;
        var found = await log.FindAsync(new AuditQuery(
            ObjectType?.Trim(), ObjectId?.Trim(), ActionName?.Trim(), Actor?.Trim(), Source is { } source ? AuditTrail.Name(source) : null,
            Since: From is { } from ? new DateTimeOffset(from, TimeOnly.MinValue, TimeSpan.Zero) : null,
            // The "to" day is inclusive: everything before the next midnight (UTC).
            Until: To is { } to ? new DateTimeOffset(to.AddDays(1), TimeOnly.MinValue, TimeSpan.Zero) : null,
            Before: before,
            Limit: PageSize), ct);
        Entries = found.Take(PageSize).ToList();
        OlderCursor = found.Count > PageSize ? PublicId.Format(IdPrefixes.Audit, Entries[^1].Id) : null;
    }

    /// <summary>Stored names as people write them ("ui" → "UI", "api_key" → "API key").</summary>
    public static string Label(string value) => value switch
    {
        "ui" => "UI",
        "api" => "API",
        "api_key" => "API key",
        _ => value.Length > 0 ? char.ToUpperInvariant(value[0]) + value[1..] : value,
    };

    public static IEnumerable<SelectListItem> SourceOptions =>
        Enum.GetValues<ChangeSource>().Select(source => new SelectListItem(Label(AuditTrail.Name(source)), source.ToString()));

    // "action" is avoided as a query key: page routes reserve it for MVC, so links carrying it would not resolve.
    /// <summary>The current filters as query values, with one changed; for links that keep the rest of the view.</summary>
    public Dictionary<string, string?> With(string key, string? value)
    {
        var query = new Dictionary<string, string?>
        {
            [nameof(ObjectType)] = ObjectType,
            [nameof(ObjectId)] = ObjectId,
            [nameof(ActionName)] = ActionName,
            [nameof(Actor)] = Actor,
            [nameof(Source)] = Source?.ToString(),
            [nameof(From)] = From?.ToString("yyyy-MM-dd"),
            [nameof(To)] = To?.ToString("yyyy-MM-dd"),
        };
        query[key] = value;
        return query.Where(q => !string.IsNullOrEmpty(q.Value)).ToDictionary();
    }
}
