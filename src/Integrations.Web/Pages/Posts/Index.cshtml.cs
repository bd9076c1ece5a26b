using Integrations.Apps.Catalogue;
using Integrations.Apps.Connections;
using Integrations.Apps.Posts;
using Integrations.Web.Pages.Apps;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Posts;

/// <summary>Scheduled posts: the form (the publish time in the admin's time zone, sent on as UTC with its offset) and
/// the posts by day, each scheduled, published (the provider's id and link), failed (its message) or canceled.</summary>
public sealed class IndexModel(ScheduledPosts posts, AppCatalogue catalogue) : PageModel
{
    /// <summary>The app's name as the catalogue gives it (LinkedIn).</summary>
    public string AppName(string appId) => catalogue.Find(appId)?.Name ?? appId;

    /// <summary>The most posts the page shows; the API pages through all of them.</summary>
    public const int Shown = 200;

    public IReadOnlyList<ConnectionView> Targets { get; private set; } = [];

    public IReadOnlyList<IGrouping<DateOnly, PostView>> Days { get; private set; } = [];

    public IReadOnlyList<string> AppNames => posts.AppNames;

    [BindProperty]
    public string? ConnectionId { get; set; }

    [BindProperty]
    public string? Text { get; set; }

    [BindProperty]
    public string? Link { get; set; }

    [BindProperty]
    public string? ImageUrl { get; set; }

    /// <summary>A <c>datetime-local</c> value in the admin's time zone (<see cref="FormFields.TimeZoneField"/>).</summary>
    [BindProperty]
    public string? PublishAt { get; set; }

    [BindProperty(Name = FormFields.TimeZoneField)]
    public string? TimeZone { get; set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    public async Task OnGetAsync(CancellationToken ct) => await LoadAsync(ct);

    public async Task<IActionResult> OnPostScheduleAsync(CancellationToken ct)
    {
        var publishAt = string.IsNullOrWhiteSpace(PublishAt) ? null : FormFields.WithOffset(PublishAt, TimeZone);
        var (view, errors) = await posts.ScheduleAsync(new ScheduleRequest(ConnectionId, Text, Link, ImageUrl, publishAt), ct);
        if (view is null)
        {
            Errors = errors;
            await LoadAsync(ct);
            return Page();
        }

        Notice = $"The post is scheduled for {view.PublishAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCancelAsync(string id, CancellationToken ct)
    {
        var (outcome, view) = await posts.CancelAsync(id, ct);
        Notice = outcome switch
        {
            CancelOutcome.Canceled => "The post is canceled.",
            CancelOutcome.Conflict => $"The post is {view!.Status} and can no longer be canceled.",
            _ => "There is no such post.",
        };
        return RedirectToPage();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Targets = await posts.TargetsAsync(ct);
        Days = [.. (await posts.CalendarAsync(Shown, ct)).GroupBy(p => DateOnly.FromDateTime(p.PublishAt.UtcDateTime))];
    }
}
