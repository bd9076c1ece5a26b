using System.Text.Json;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Integrations.Web.Pages.Webhooks;

/// <summary>One webhook: its status, the last 24 hours as a chart, the newest deliveries and one delivery's attempts.</summary>
public sealed class DetailModel(WebhookDirectory directory, DeliveryLog log) : PageModel
{
    public const int RecentCount = 30;
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public WebhookView Webhook { get; private set; } = null!;
    public IReadOnlyList<DeliveryView> Deliveries { get; private set; } = [];
    public AttemptsChart Chart { get; private set; } = null!;

    /// <summary>The delivery whose attempts are shown (<c>?delivery=dlv_…</c>), when it is one of the rows.</summary>
    [BindProperty(SupportsGet = true)]
    public string? Delivery { get; set; }

    public IReadOnlyList<AttemptView> Attempts { get; private set; } = [];

    [BindProperty]
    public ThrottleForm Throttle { get; set; } = new();

    public Dictionary<string, string[]> Errors { get; private set; } = [];

    [TempData]
    public string? Notice { get; set; }

    public async Task<IActionResult> OnGetAsync(string id, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is not { } webhook)
        {
            return NotFound();
        }

        await ShowAsync(webhook, ct);
        Throttle = ThrottleForm.Of(webhook.Throttle);
        return Page();
    }

    public async Task<IActionResult> OnPostThrottleAsync(string id, CancellationToken ct)
    {
        var changes = new WebhookChanges(null, null, null, null, null, Throttle.Read(Errors));
        if (Errors.Count == 0)
        {
            Errors = await directory.ValidateAsync(changes, ct);
        }

        var webhook = Errors.Count == 0 ? await directory.UpdateAsync(id, changes, ct) : await directory.FindAsync(id, ct);
        if (webhook is null)
        {
            return NotFound();
        }

        if (Errors.Count > 0)
        {
            await ShowAsync(webhook, ct);
            return Page();
        }

        Notice = "Saved the throttle.";
        return RedirectToPage(new { id });
    }

    private async Task ShowAsync(WebhookView webhook, CancellationToken ct)
    {
        Webhook = webhook;
        Deliveries = await log.RecentAsync(webhook.WebhookId, RecentCount, ct);
        Chart = new AttemptsChart(await log.HourlyAsync(webhook.WebhookId, ct));
        // Only a delivery listed here: a link naming another webhook's delivery must not show it under this one.
        Delivery = Deliveries.Any(d => d.DeliveryId == Delivery) ? Delivery : null;
        Attempts = Delivery is null ? [] : await log.AttemptsAsync(Delivery, ct);
    }

    public async Task<IActionResult> OnPostRetryAsync(string id, string deliveryId, CancellationToken ct)
    {
        if (await directory.FindAsync(id, ct) is null)
        {
            return NotFound();
        }

        Notice = await log.RetryNowAsync(deliveryId, ct)
            ? $"Retrying {deliveryId} now."
            : $"{deliveryId} was already delivered; there is nothing to retry.";
        return RedirectToPage(new { id, delivery = deliveryId });
    }

    /// <summary>JSON indented for reading; anything that is not JSON as it is.</summary>
    public static string Pretty(string text)
    {
        try
        {
            using var json = JsonDocument.Parse(text);
            return JsonSerializer.Serialize(json.RootElement, Indented);
        }
        catch (JsonException)
        {
            return text;
        }
    }
}
