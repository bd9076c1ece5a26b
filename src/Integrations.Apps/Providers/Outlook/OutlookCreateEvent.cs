using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>Outlook's <c>create_event</c>: <c>POST /me/events</c> in the primary calendar (times sent in UTC, the
/// attendees as required attendees, who get Outlook's invitation), recorded as a meeting activity from the event
/// Graph answers with. It fires no <c>event_created</c>: the workflow or person that made it knows already.</summary>
internal sealed class OutlookCreateEvent(AppApi api, OutlookActivities activities) : IAppAction
{
    public string AppId => "outlook";
    public string ActionId => "create_event";

    public Dictionary<string, string[]> Check(JsonObject input) =>
        At(input, "end") <= At(input, "start") ? new() { ["input.end"] = ["Ends at must be after Starts at."] } : [];

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var request = new JsonObject
        {
            ["subject"] = input["subject"]?.GetValue<string>(),
            ["body"] = new JsonObject { ["contentType"] = "text", ["content"] = input["description"]?.GetValue<string>() ?? "" },
            ["start"] = Utc(At(input, "start")),
            ["end"] = Utc(At(input, "end")),
            ["attendees"] = new JsonArray([.. (input["attendees"] as JsonArray ?? []).Select(a => new JsonObject
            {
                ["emailAddress"] = new JsonObject { ["address"] = a?.GetValue<string>() },
                ["type"] = "required",
            })]),
        };
        var body = request.ToJsonString();
        using var created = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, OutlookApi.Url(context.App, "/v1.0/me/events"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, ct);
        var meeting = OutlookEvents.Activity(created.RootElement, PublicId.Format(IdPrefixes.AppConnection, context.Connection.Id))
            ?? throw new ProviderException("Graph answered the new event without its id or start", 201);
        var recorded = await activities.RecordAsync(context.Connection, context.Settings, [meeting], null, ct);
        return new JsonObject { ["id"] = meeting.ExternalId, ["activity_id"] = PublicId.Format(IdPrefixes.Activity, recorded[0].Id) };
    }

    private static DateTimeOffset At(JsonObject input, string field) =>
        DateTimeOffset.Parse(input[field]!.GetValue<string>(), CultureInfo.InvariantCulture);

    private static JsonObject Utc(DateTimeOffset at) => new()
    {
        ["dateTime"] = at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", CultureInfo.InvariantCulture),
        ["timeZone"] = "UTC",
    };
}
