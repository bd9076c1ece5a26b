using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Apps.Triggers.WhatsApp;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>
/// A status webhook updates the outbound message activity whose external id is its wamid, through the record pipeline
/// (audited, <c>activity.updated</c>): custom fields <c>whatsapp_status</c>, <c>whatsapp_status_at</c> and, when it
/// failed, <c>whatsapp_error</c>. A status only moves forward, so a re-delivered or late one changes nothing.
/// </summary>
internal sealed class WhatsAppStatuses(RecordReader records, RecordPipeline pipeline)
{
    public const string StatusAtField = "whatsapp_status_at";
    public const string ErrorField = "whatsapp_error";

    /// <summary>The activity's id when the status changed it; null for a message Sentinel did not send, or a status it had.</summary>
    public async Task<Guid?> ApplyAsync(string connectionId, WhatsAppStatus status, CancellationToken ct)
    {
        var page = await records.ListAsync(RecordTypes.Activity, new RecordListQuery(Limit: 1, Filters: new Dictionary<string, object?>
        {
            ["connection_id"] = connectionId, ["external_id"] = status.MessageId,
        }), ct);
        if (page.Data.Count == 0 || page.Data[0] is not { } activity || !PublicId.TryParse(IdPrefixes.Activity, (string?)activity["id"], out var id))
        {
            return null;
        }

        var current = (activity["custom_fields"] as JsonObject)?[WhatsAppNames.StatusField] is JsonValue value && value.TryGetValue<string>(out var known) ? known : null;
        if (current is not null && WhatsAppStatus.Rank(current) >= WhatsAppStatus.Rank(status.Status))
        {
            return null;
        }

        var custom = new JsonObject
        {
            [WhatsAppNames.StatusField] = status.Status,
            [StatusAtField] = status.At.ToString("O", CultureInfo.InvariantCulture),
        };
        if (status.Error is not null)
        {
            custom[ErrorField] = status.Error;
        }

        var outcome = await pipeline.UpdateAsync(RecordTypes.Activity, id, new JsonObject { ["custom_fields"] = custom }, ct);
        return outcome.Succeeded
            ? id
            : throw new InvalidOperationException($"The status of activity {id} was not recorded: {string.Join(" ", outcome.Errors.Select(e => e.Message))}");
    }
}
