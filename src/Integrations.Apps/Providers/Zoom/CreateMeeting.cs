using System.Globalization;
using System.Net.Http.Json;
using System.Net.Mail;
using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Crm.Activities;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Apps.Providers.Zoom;

/// <summary>
/// Zoom's <c>create_meeting</c>: schedules a meeting (<c>POST /users/me/meetings</c>, type 2, the start in UTC, the
/// invitees in <c>settings.meeting_invitees</c>) and records it at once as an outbound meeting linked to the invitees'
/// contacts; answers the meeting id and its join URL. Invitees are contact ids (their email is used) or emails.
/// </summary>
internal sealed class CreateMeeting(AppApi api, RecordReader records, ZoomActivities activities) : IAppAction
{
    public const int MaxMinutes = 24 * 60;
    public const int MaxInvitees = 100;

    public string AppId => "zoom";
    public string ActionId => "create_meeting";

    public Dictionary<string, string[]> Check(JsonObject input)
    {
        var errors = new Dictionary<string, string[]>();
        var duration = input["duration"]!.GetValue<double>();
        if (duration != Math.Floor(duration) || duration is < 1 or > MaxMinutes)
        {
            errors["input.duration"] = [$"A whole number of minutes from 1 to {MaxMinutes}."];
        }

        if (input["timezone"] is JsonValue zone && !TimeZoneInfo.TryFindSystemTimeZoneById(zone.GetValue<string>(), out _))
        {
            errors["input.timezone"] = ["Not a time zone; give an IANA name such as Europe/Lisbon or America/New_York."];
        }

        return errors;
    }

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var invitees = await InviteesAsync((string?)input["invitees"], ct);
        var start = DateTimeOffset.Parse((string)input["start"]!, CultureInfo.InvariantCulture);
        var body = new JsonObject
        {
            ["topic"] = (string)input["topic"]!,
            ["type"] = 2,
            ["start_time"] = start.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
            ["duration"] = (int)input["duration"]!.GetValue<double>(),
            ["timezone"] = (string?)input["timezone"] ?? "UTC",
            ["settings"] = new JsonObject
            {
                ["meeting_invitees"] = new JsonArray([.. invitees.Select(e => new JsonObject { ["email"] = e })]),
            },
        };
        if ((string?)input["agenda"] is { } agenda)
        {
            body["agenda"] = agenda;
        }

        var url = $"{context.App.Urls["api"].TrimEnd('/')}/users/me/meetings";
        using var answer = await api.SendAsync(context.Connection, () => new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body) }, ct);
        var meeting = ZoomMeeting.Parse(answer.RootElement) ?? throw new ProviderException("Zoom answered without a meeting id", 200);
        var written = await activities.WriteAsync(context.Connection, context.Settings,
            [new ZoomMeetingUpdate(meeting, [.. invitees.Select(e => new ActivityParticipant("attendee", e))], new ZoomMeetingNotes(), "outbound")], ct);
        return new JsonObject
        {
            ["meeting_id"] = meeting.Id,
            ["join_url"] = meeting.JoinUrl,
            ["start_time"] = body["start_time"]!.DeepClone(),
            ["activity_id"] = PublicId.Format(IdPrefixes.Activity, written[0].Activity.Id),
        };
    }

    /// <summary>The invitees' emails, in order and once each; a contact id that names no contact, or one without an
    /// email, is refused naming <c>input.invitees</c>.</summary>
    private async Task<List<string>> InviteesAsync(string? text, CancellationToken ct)
    {
        var items = (text ?? "").Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (items.Length > MaxInvitees)
        {
            throw new ActionInputException("input.invitees", $"At most {MaxInvitees} invitees.");
        }

        var emails = new List<string>();
        foreach (var item in items)
        {
            var email = item.StartsWith(IdPrefixes.Contact + "_", StringComparison.Ordinal) ? await ContactEmailAsync(item, ct)
                : MailAddress.TryCreate(item, out var address) && address.Address == item && address.Host.Contains('.') ? item
                : throw new ActionInputException("input.invitees", $"'{item}' is neither a contact id (con_…) nor an email address.");
            if (!emails.Contains(email, StringComparer.OrdinalIgnoreCase))
            {
                emails.Add(email);
            }
        }

        return emails;
    }

    private async Task<string> ContactEmailAsync(string id, CancellationToken ct)
    {
        var contact = PublicId.TryParse(IdPrefixes.Contact, id, out var key) ? await records.GetAsync(RecordTypes.Contact, key, ct) : null;
        return contact is null ? throw new ActionInputException("input.invitees", $"There is no contact {id}.")
            : contact["email"] is JsonValue email && email.TryGetValue<string>(out var address) && address.Length > 0 ? address
            : throw new ActionInputException("input.invitees", $"The contact {id} has no email address to invite.");
    }
}
