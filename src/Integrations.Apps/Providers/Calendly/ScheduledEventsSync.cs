using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Calls;
using Integrations.Apps.Syncs;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>
/// Calendly's scheduled events of the connected organization (<c>GET /scheduled_events?organization=…&amp;min_start_time=…</c>,
/// a page at a time by <c>pagination.next_page_token</c>), each with its invitees
/// (<c>GET /scheduled_events/{uuid}/invitees</c>): the first listing reads from <c>backfill_days</c> (30) back, so the
/// meetings booked before the connection are on the timeline too, and every later one from a day before the last
/// began (new bookings start after it; cancellations of upcoming meetings show again). Invitees upsert by their uri, so
/// what the webhook recorded is updated, not duplicated; the backfill announces nothing. A connection whose webhook
/// could not be registered tries again first.
/// </summary>
internal sealed class ScheduledEventsSync(AppApi api, CalendlyActivities activities, CalendlyWebhooks webhooks, TimeProvider clock) : IAppSync
{
    public const int DefaultBackfillDays = 30;
    public const int PageSize = 100;

    public string AppId => CalendlyServices.AppId;
    public string SyncId => "scheduled_events";

    public async Task<bool> RunPageAsync(SyncContext context, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var checkpoint = CalendlyCheckpoint.Parse(context.Checkpoint)
            ?? new CalendlyCheckpoint(now.AddDays(-(context.Settings.Number("backfill_days") ?? DefaultBackfillDays)), null, now);
        if (checkpoint.PageToken is null)
        {
            await webhooks.EnsureRegisteredAsync(context.Connection, ct);
        }

        var apiUrl = context.App.Urls["api"].TrimEnd('/');
        var organization = (JsonNode.Parse(context.Connection.Settings) as JsonObject)?[CalendlyWebhooks.Organization]?.GetValue<string>()
            ?? await webhooks.OrganizationAsync(context.Connection, apiUrl, ct);
        var query = $"organization={Uri.EscapeDataString(organization)}&min_start_time={Uri.EscapeDataString(Utc(checkpoint.MinStartTime))}"
            + $"&count={PageSize}&sort=start_time:asc" + (checkpoint.PageToken is { } token ? $"&page_token={Uri.EscapeDataString(token)}" : "");
        List<CalendlyMeeting> meetings = [];
        string? nextPage;
        using (var page = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Get, $"{apiUrl}/scheduled_events?{query}"), ct))
        {
            foreach (var scheduled in CalendlyMeeting.Items(page.RootElement, "collection"))
            {
                if (CalendlyMeeting.Text(scheduled, "uri") is { } uri)
                {
                    meetings.AddRange(await InviteesAsync(context, apiUrl, uri, scheduled, ct));
                }
            }

            nextPage = NextPageToken(page.RootElement);
        }

        var next = nextPage is not null
            ? checkpoint with { PageToken = nextPage }
            : new CalendlyCheckpoint(checkpoint.ListingStartedAt.AddDays(-1), null, now);
        await context.SaveAsync(async token => (await activities.RecordAsync(context.Connection, context.Settings, meetings, announce: false, token)).Count,
            next.ToString(), ct);
        return nextPage is not null;
    }

    private async Task<List<CalendlyMeeting>> InviteesAsync(SyncContext context, string apiUrl, string eventUri, JsonElement scheduled, CancellationToken ct)
    {
        var uuid = eventUri.TrimEnd('/').Split('/')[^1];
        List<CalendlyMeeting> meetings = [];
        string? pageToken = null;
        do
        {
            var url = $"{apiUrl}/scheduled_events/{Uri.EscapeDataString(uuid)}/invitees?count={PageSize}"
                + (pageToken is null ? "" : $"&page_token={Uri.EscapeDataString(pageToken)}");
            using var page = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Get, url), ct);
            meetings.AddRange(CalendlyMeeting.Items(page.RootElement, "collection").Select(i => CalendlyMeeting.Parse(i, scheduled)).OfType<CalendlyMeeting>());
            pageToken = NextPageToken(page.RootElement);
        }
        while (pageToken is not null);

        return meetings;
    }

    private static string? NextPageToken(JsonElement page) =>
        page.TryGetProperty("pagination", out var pagination) ? CalendlyMeeting.Text(pagination, "next_page_token") : null;

    private static string Utc(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);
}
