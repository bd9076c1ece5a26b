using System.Text;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Crm.Activities;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Outlook;

/// <summary>
/// Outlook's <c>send_email</c>: Graph's <c>sendMail</c> (saved to the sent items), recorded as an outbound email
/// activity. Graph answers 202 without the message or its id, so the activity's external id is ours,
/// <c>sent:{guid}</c>, sent along in the <c>X-Sentinel-Activity</c> header: the mail sync finds it on the copy in the
/// sent items and updates this activity rather than adding a second one. The result's <c>id</c> is that external id.
/// </summary>
internal sealed class OutlookSendEmail(AppApi api, OutlookActivities activities, TimeProvider clock) : IAppAction
{
    public string AppId => "outlook";
    public string ActionId => "send_email";

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var externalId = $"sent:{Guid.NewGuid():N}";
        var (to, cc) = (Addresses(input["to"]), Addresses(input["cc"]));
        var (subject, text, html) = (input["subject"]?.GetValue<string>(), input["text"]?.GetValue<string>(), input["html"]?.GetValue<string>());
        var request = new JsonObject
        {
            ["message"] = new JsonObject
            {
                ["subject"] = subject,
                ["body"] = new JsonObject { ["contentType"] = html is null ? "Text" : "HTML", ["content"] = html ?? text ?? "" },
                ["toRecipients"] = Recipients(to),
                ["ccRecipients"] = Recipients(cc),
                ["internetMessageHeaders"] = new JsonArray(new JsonObject { ["name"] = OutlookMessages.ActivityHeader, ["value"] = externalId }),
            },
            ["saveToSentItems"] = true,
        };
        var body = request.ToJsonString();
        (await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, OutlookApi.Url(context.App, "/v1.0/me/sendMail"))
        {
            Content = new StringContent(body, Encoding.UTF8, "application/json"),
        }, ct)).Dispose();

        var email = new ActivityInput
        {
            Kind = "email",
            Channel = "outlook",
            Direction = "outbound",
            OccurredAt = clock.GetUtcNow(),
            Subject = subject,
            Text = text,
            Html = html,
            ConnectionId = PublicId.Format(IdPrefixes.AppConnection, context.Connection.Id),
            ExternalId = externalId,
            Participants =
            [
                new ActivityParticipant("from", context.Connection.Account, context.Connection.AccountName),
                .. to.Select(a => new ActivityParticipant("to", a)),
                .. cc.Select(a => new ActivityParticipant("cc", a)),
            ],
        };
        var recorded = await activities.RecordAsync(context.Connection, context.Settings, [email], null, ct);
        return new JsonObject { ["id"] = externalId, ["activity_id"] = PublicId.Format(IdPrefixes.Activity, recorded[0].Id) };
    }

    private static List<string> Addresses(JsonNode? emails) =>
        [.. (emails as JsonArray ?? []).Select(e => e?.GetValue<string>()).OfType<string>()];

    private static JsonArray Recipients(List<string> addresses) =>
        new([.. addresses.Select(a => new JsonObject { ["emailAddress"] = new JsonObject { ["address"] = a } })]);
}
