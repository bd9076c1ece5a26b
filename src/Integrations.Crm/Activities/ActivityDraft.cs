using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;

namespace Integrations.Crm.Activities;

/// <summary>
/// An <see cref="ActivityInput"/> made fit to store. A provider's data is taken as it comes: long subjects and bodies
/// are cut, HTML reduced, unusable participants left out, so one odd message never fails a sync's page. What only a
/// bug in the caller produces (an unknown kind, a malformed connection id) is refused with an exception.
/// </summary>
internal sealed class ActivityDraft
{
    private ActivityDraft(ActivityInput input, List<Participant> participants)
    {
        Input = input;
        Participants = participants;
        Key = (input.ConnectionId, input.ExternalId);
    }

    public ActivityInput Input { get; }
    public List<Participant> Participants { get; }
    public (string Connection, string External) Key { get; }

    /// <summary>A usable participant: an email (lower case) or a phone, or both; <see cref="Match"/> once matched.</summary>
    internal sealed record Participant(string Role, string? Email, string? Phone, string? Name)
    {
        public ActivityLookups.MatchedContact? Match { get; set; }
    }

    public static ActivityDraft From(ActivityInput input)
    {
        Require(ActivityKinds.All.Any(k => k.Value == input.Kind), nameof(input.Kind), $"'{input.Kind}' is not an activity kind.");
        Require(input.Direction is null or ActivityKinds.Inbound or ActivityKinds.Outbound, nameof(input.Direction),
            $"'{input.Direction}' is not inbound or outbound.");
        Require(input.Channel.Trim() is { Length: > 0 and <= 50 }, nameof(input.Channel), "A channel is 1 to 50 characters.");
        Require(PublicId.TryParse(IdPrefixes.AppConnection, input.ConnectionId, out _), nameof(input.ConnectionId),
            $"'{input.ConnectionId}' is not a connection id.");
        Require(Fits(input.ExternalId) && input.ExternalId.Length > 0, nameof(input.ExternalId), "An external id is 1 to 512 characters.");
        Require(input.ThreadId is null || Fits(input.ThreadId), nameof(input.ThreadId), "A thread id is at most 512 characters.");
        var participants = new List<Participant>(input.Participants.Count);
        foreach (var given in input.Participants.Take(ParticipantList.MaxEntries))
        {
            var role = given.Role.ToLowerInvariant();
            Require(ParticipantList.Roles.Contains(role), nameof(input.Participants), $"'{given.Role}' is not a participant role.");
            var email = Parsed("email", given.Email);
            var phone = Parsed("phone", given.Phone);
            if (email is not null || phone is not null)
            {
                participants.Add(new Participant(role, email, phone, Cut(given.Name, ParticipantList.MaxNameLength)));
            }
        }

        return new ActivityDraft(input, participants);
    }

    /// <summary>The first matched participant outside the workspace's own domains: whom the activity is with.</summary>
    public ActivityLookups.MatchedContact? Counterpart(IReadOnlyList<string> ownDomains) =>
        Participants.FirstOrDefault(p => p.Match is not null && (p.Email is null || !Correspondents.IsOwn(p.Email, ownDomains)))?.Match;

    /// <summary>The fields given to the pipeline. Every field the writer owns is set, so a re-sync replaces what the
    /// provider changed and nothing else; the contact and account only when matching found one (a contact linked by
    /// hand stays), the deal never.</summary>
    public JsonObject Fields(IReadOnlyList<string> ownDomains)
    {
        var body = Input.Text ?? (Input.Html is null ? null : HtmlText.Reduce(Input.Html));
        var fields = new JsonObject
        {
            ["kind"] = Input.Kind,
            ["channel"] = Input.Channel.Trim(),
            ["direction"] = Input.Direction,
            ["occurred_at"] = FieldParser.Moment(Input.OccurredAt).ToString("O", CultureInfo.InvariantCulture),
            ["subject"] = Cut(Input.Subject, 998),
            ["body"] = Cut(body, ActivityKinds.MaxBodyLength),
            ["connection_id"] = Input.ConnectionId,
            ["external_id"] = Input.ExternalId,
            ["thread_id"] = Input.ThreadId,
            ["participants"] = new JsonArray([.. Participants.Select(Entry)]),
        };
        if (Counterpart(ownDomains) is { } counterpart)
        {
            fields["contact_id"] = PublicId.Format(IdPrefixes.Contact, counterpart.Id);
            if (counterpart.AccountId is { } account)
            {
                fields["account_id"] = PublicId.Format(IdPrefixes.Account, account);
            }
        }

        return fields;
    }

    private static JsonObject Entry(Participant p) => new()
    {
        ["role"] = p.Role,
        ["email"] = p.Email,
        ["phone"] = p.Phone,
        ["name"] = p.Name,
        ["contact_id"] = p.Match is { } match ? PublicId.Format(IdPrefixes.Contact, match.Id) : null,
    };

    /// <summary>The value as a contact's field stores it, or null when there is none or it would not parse.</summary>
    private static string? Parsed(string field, string? text) =>
        text is not null && FieldParser.TryParse(RecordTypes.Contact.Field(field)!, JsonValue.Create(text), out var value, out _)
            ? value as string
            : null;

    /// <summary>Text without NUL characters (Postgres cannot hold them), at most <paramref name="max"/> characters,
    /// never ending in half a surrogate pair.</summary>
    private static string? Cut(string? text, int max)
    {
        if (text is null)
        {
            return null;
        }

        text = text.Replace("\0", "", StringComparison.Ordinal).Trim();
        if (text.Length > max)
        {
            text = text[..(char.IsHighSurrogate(text[max - 1]) ? max - 1 : max)];
        }

        return text.Length == 0 ? null : text;
    }

    private static bool Fits(string text) => text.Length <= 512 && !text.Contains('\0', StringComparison.Ordinal);

    private static void Require(bool condition, string name, string message)
    {
        if (!condition)
        {
            throw new ArgumentException(message, name);
        }
    }
}
