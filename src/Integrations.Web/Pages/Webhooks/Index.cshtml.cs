using Integrations.ApiKeys.Keys;
using Integrations.Platform.Events;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Webhooks;

public sealed class IndexModel(WebhookDirectory directory, KeyReveal reveal) : PageModel
{
    public IReadOnlyList<WebhookView> Webhooks { get; private set; } = [];

    /// <summary>The signing secret of the webhook added (or rotated) just before this view; shown this once.</summary>
    public string? NewSecret { get; private set; }

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [BindProperty]
    public AddWebhookForm Form { get; set; } = new();

    [TempData]
    public string? RevealTicket { get; set; }

    [TempData]
    public string? Notice { get; set; }

    public static IEnumerable<IGrouping<string, EventType>> EventGroups => EventCatalog.All.GroupBy(e => e.Group);

    public async Task OnGetAsync(CancellationToken ct)
    {
        NewSecret = reveal.Take(RevealTicket);
        if (NewSecret is not null)
        {
            // Back and forward must not bring the secret back from the browser's cache.
            Response.Headers.CacheControl = "no-store";
        }

        Webhooks = await directory.ListAsync(null, 200, ct);
    }

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        var typed = new Dictionary<string, string[]>();
        var request = new NewWebhook(Form.Url, Form.Events, Name: Form.Name, Throttle: Form.Throttle.Read(typed));
        Errors = await directory.ValidateAsync(request, ct);
        foreach (var (field, messages) in typed)
        {
            Errors[field] = messages;
        }

        if (Errors.Count > 0)
        {
            Webhooks = await directory.ListAsync(null, 200, ct);
            return Page();
        }

        var webhook = await directory.CreateAsync(request, ct);
        RevealTicket = reveal.Hold(webhook.Secret!);
        Notice = $"Added “{webhook.Name}”.";
        return RedirectToPage();
    }

    public Task<IActionResult> OnPostEnableAsync(string id, CancellationToken ct) =>
        Change(directory.UpdateAsync(id, new WebhookChanges(null, null, null, null, "active"), ct), w => $"Enabled “{w.Name}”.");

    public Task<IActionResult> OnPostDisableAsync(string id, CancellationToken ct) =>
        Change(directory.UpdateAsync(id, new WebhookChanges(null, null, null, null, "disabled"), ct), w => $"Disabled “{w.Name}”. It receives nothing until enabled.");

    public Task<IActionResult> OnPostResumeAsync(string id, CancellationToken ct) =>
        Change(directory.ResumeAsync(id, ct), w => $"Resumed “{w.Name}”; what was pending is being sent now.");

    public Task<IActionResult> OnPostDeleteAsync(string id, CancellationToken ct) =>
        Change(directory.DeleteAsync(id, ct), w => $"Deleted “{w.Name}”.");

    public async Task<IActionResult> OnPostRotateAsync(string id, CancellationToken ct)
    {
        var webhook = await directory.RotateSecretAsync(id, ct);
        if (webhook is not null)
        {
            RevealTicket = reveal.Hold(webhook.Secret!);
            Notice = $"Rotated the secret of “{webhook.Name}”. The old one keeps signing for 24 hours.";
        }

        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostTestAsync(string id, string? eventType, CancellationToken ct)
    {
        var queued = EventCatalog.Find(eventType ?? "") is { } type ? await directory.SendTestAsync(id, type, ct) : null;
        Notice = queued is null ? null : $"Queued a test {queued.Event} event ({queued.EventId}).";
        return RedirectToPage();
    }

    public string? ErrorFor(string field) => Errors.TryGetValue(field, out var messages) ? string.Join(" ", messages) : null;

    private async Task<IActionResult> Change(Task<WebhookView?> change, Func<WebhookView, string> notice)
    {
        var webhook = await change;
        Notice = webhook is null ? null : notice(webhook);
        return RedirectToPage();
    }
}

public sealed class AddWebhookForm
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    public List<string> Events { get; set; } = [];
    public ThrottleForm Throttle { get; set; } = new();
}
