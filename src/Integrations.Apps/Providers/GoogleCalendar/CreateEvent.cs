using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.GoogleCalendar;

/// <summary>
/// Google Calendar's <c>create_event</c>: inserts an event in the primary calendar (<c>POST /calendars/primary/events</c>)
/// with the attendees given and, with <c>contact_id</c>, that contact's email; records it as a meeting activity. No
/// <c>event_created</c> trigger fires for it (a workflow creating events on that trigger would loop); the sync sees it
/// later as an event it already has.
/// </summary>
internal sealed class CreateEvent(AppApi api, RecordReader records, CalendarActivities activities) : IAppAction
{
    public string AppId => "google-calendar";
    public string ActionId => "create_event";

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var (start, end) = ((string)input["start"]!, (string)input["end"]!);
        if (DateTimeOffset.Parse(end, System.Globalization.CultureInfo.InvariantCulture) <= DateTimeOffset.Parse(start, System.Globalization.CultureInfo.InvariantCulture))
        {
            throw new ActionInputException("input.end", "The event ends after it starts.");
        }

        var attendees = input["attendees"] is JsonArray list ? list.Select(a => (string)a!).ToList() : [];
        if (input["contact_id"] is { } contactId)
        {
            var email = await ContactEmailAsync((string)contactId!, ct);
            if (!attendees.Contains(email, StringComparer.OrdinalIgnoreCase))
            {
                attendees.Add(email);
            }
        }

        var body = new JsonObject
        {
            ["summary"] = input["summary"]!.DeepClone(),
            ["start"] = new JsonObject { ["dateTime"] = start },
            ["end"] = new JsonObject { ["dateTime"] = end },
            ["attendees"] = new JsonArray([.. attendees.Select(a => new JsonObject { ["email"] = a })]),
        };
        if (input["description"] is { } description)
        {
            body["description"] = description.DeepClone();
        }

        var url = $"{context.App.Urls["api"].TrimEnd('/')}/calendars/primary/events";
        using var answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) }, ct);
        var created = CalendarEvent.Parse(answer.RootElement);
        var recorded = await activities.RecordAsync(context.Connection, context.Settings, [created], false, ct);
        return new JsonObject
        {
            ["id"] = created.Id,
            ["html_link"] = created.HtmlLink,
            ["activity_id"] = recorded.Count > 0 ? PublicId.Format(IdPrefixes.Activity, recorded[0].Id) : null,
        };
    }

    private async Task<string> ContactEmailAsync(string id, CancellationToken ct)
    {
        var contact = PublicId.TryParse(IdPrefixes.Contact, id, out var key) ? await records.GetAsync(RecordTypes.Contact, key, ct) : null;
        return contact is null ? throw new ActionInputException("input.contact_id", $"There is no contact {id}.")
            : contact["email"] is JsonValue email && email.TryGetValue<string>(out var address) && address.Length > 0 ? address
            : throw new ActionInputException("input.contact_id", $"The contact {id} has no email address to invite.");
    }
}
