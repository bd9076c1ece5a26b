using System.Globalization;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>The 24-hour customer-service window: open while the customer's last message on the connection (its inbound
/// message activities, threaded by the customer's wa_id) is less than 24 hours old.</summary>
internal sealed class WhatsAppWindow(RecordReader records, TimeProvider clock)
{
    public async Task<bool> IsOpenAsync(string connectionId, string waId, CancellationToken ct)
    {
        var page = await records.ListAsync(RecordTypes.Activity, new RecordListQuery(Limit: 5, NewestFirst: true, Filters: new Dictionary<string, object?>
        {
            ["connection_id"] = connectionId, ["thread_id"] = waId, ["direction"] = ActivityKinds.Inbound, ["channel"] = WhatsAppNames.Channel,
        }), ct);
        var last = page.Data.Select(a => (string?)a["occurred_at"]).OfType<string>()
            .Select(at => DateTimeOffset.Parse(at, CultureInfo.InvariantCulture)).DefaultIfEmpty(DateTimeOffset.MinValue).Max();
        return last > clock.GetUtcNow() - WhatsAppNames.ServiceWindow;
    }

    public static string Closed(string phone) =>
        $"{phone} has not written in the last 24 hours, so WhatsApp allows no free-form text: send an approved template (send_template) instead.";
}
