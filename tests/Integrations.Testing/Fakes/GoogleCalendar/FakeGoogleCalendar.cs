using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.GoogleCalendar;

/// <summary>
/// The Google Calendar API v3 on a Google-style <see cref="FakeOAuthProvider"/> (map it through
/// <see cref="FakeOAuthOptions.Apis"/>), one primary calendar per account: <c>GET /calendar/v3/calendars/primary/events</c>
/// with <c>timeMin</c>, <c>singleEvents</c>, <c>maxResults</c> and <c>pageToken</c>, the last page carrying
/// <c>nextSyncToken</c>; with <c>syncToken</c>, what changed since (cancelled events as <c>{id, status: cancelled}</c>);
/// a sync token the calendar no longer honours answers 410 <c>fullSyncRequired</c>. <c>POST …/events</c> inserts an event
/// and answers it (200, as Google's <c>events.insert</c> does).
/// </summary>
public sealed class FakeGoogleCalendar
{
    private const string Scope = "https://www.googleapis.com/auth/calendar.events";
    private readonly ConcurrentDictionary<string, Calendar> calendars = new(StringComparer.OrdinalIgnoreCase);

    public ConcurrentQueue<string> Queries { get; } = [];

    /// <summary>The most events one page holds whatever <c>maxResults</c> asks (Google's own ceiling is 2,500).</summary>
    public int MaxPageSize { get; set; } = 2500;

    /// <summary>How many of the next requests for a further page (with <c>pageToken</c>) answer 500, as if the
    /// listing broke off midway.</summary>
    public int FailingPageRequests { get; set; }

    /// <summary>Adds an event, or replaces the one with its id (a change a sync token then reports).</summary>
    public FakeCalendarEvent Put(FakeAccount account, FakeCalendarEvent item)
    {
        var calendar = CalendarOf(account.Email);
        lock (calendar)
        {
            var stored = item with { Version = ++calendar.Version, Organizer = item.Organizer ?? account.Email, Updated = DateTimeOffset.UtcNow };
            calendar.Events[stored.Id] = stored;
            return stored;
        }
    }

    public void Cancel(FakeAccount account, string id)
    {
        var calendar = CalendarOf(account.Email);
        lock (calendar)
        {
            calendar.Events[id] = calendar.Events[id] with { Status = "cancelled", Version = ++calendar.Version, Updated = DateTimeOffset.UtcNow };
        }
    }

    /// <summary>Every sync token issued so far answers 410 from now on (Google expires them, e.g. after weeks or an ACL change).</summary>
    public void ExpireSyncTokens(FakeAccount account)
    {
        var calendar = CalendarOf(account.Email);
        lock (calendar)
        {
            calendar.ValidFrom = calendar.Version + 1;
            calendar.Version++;
        }
    }

    public IReadOnlyList<FakeCalendarEvent> Events(FakeAccount account) => [.. CalendarOf(account.Email).Events.Values];

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/calendar/v3/calendars/primary/events", List).RequireFakeAccessToken();
        endpoints.MapPost("/calendar/v3/calendars/primary/events", Insert).RequireFakeAccessToken();
    }

    private IResult List(HttpContext context)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows(Scope))
        {
            return GoogleApiError.Of(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", "insufficientPermissions");
        }

        var query = context.Request.Query;
        Queries.Enqueue(context.Request.QueryString.Value ?? "");
        var calendar = CalendarOf(grant.Account.Email);
        var max = Math.Min(MaxPageSize, int.TryParse(query["maxResults"], CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 2500) : 250);
        Cursor cursor;
        if (query["pageToken"].ToString() is { Length: > 0 } pageToken)
        {
            if (FailingPageRequests > 0)
            {
                FailingPageRequests--;
                return GoogleApiError.Of(500, "INTERNAL", "Internal error encountered.", "backendError");
            }

            if (Cursor.Read(pageToken) is not { } read)
            {
                return GoogleApiError.Of(400, "INVALID_ARGUMENT", "Invalid page token value.", "invalid");
            }

            cursor = read;
        }
        else if (query["syncToken"].ToString() is { Length: > 0 } syncToken)
        {
            if (query.ContainsKey("timeMin") || query.ContainsKey("timeMax"))
            {
                return GoogleApiError.Of(400, "INVALID_ARGUMENT", "Sync token cannot be used with timeMin or timeMax.", "invalid");
            }

            if (!syncToken.StartsWith("CPs", StringComparison.Ordinal) || !long.TryParse(syncToken[3..], CultureInfo.InvariantCulture, out var since)
                || since < calendar.ValidFrom)
            {
                return GoogleApiError.Of(410, "GONE", "Sync token is no longer valid, a full sync is required.", "fullSyncRequired");
            }

            cursor = new Cursor(since, null, 0, calendar.Version);
        }
        else
        {
            var timeMin = DateTimeOffset.TryParse(query["timeMin"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var min) ? min : (DateTimeOffset?)null;
            cursor = new Cursor(null, timeMin, 0, calendar.Version);
        }

        List<FakeCalendarEvent> all;
        lock (calendar)
        {
            all = cursor.Since is { } since
                ? [.. calendar.Events.Values.Where(e => e.Version > since && e.Version <= cursor.Upto).OrderBy(e => e.Version)]
                : [.. calendar.Events.Values.Where(e => e.Status != "cancelled" && e.Version <= cursor.Upto && (cursor.TimeMin is null || e.End > cursor.TimeMin))
                    .OrderBy(e => e.Start).ThenBy(e => e.Id, StringComparer.Ordinal)];
        }

        var page = all.Skip(cursor.Offset).Take(max).ToList();
        var answer = new JsonObject
        {
            ["kind"] = "calendar#events",
            ["etag"] = $"\"{calendar.Version}\"",
            ["summary"] = grant.Account.Email,
            ["updated"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture),
            ["timeZone"] = "UTC",
            ["accessRole"] = "owner",
            ["defaultReminders"] = new JsonArray(),
        };
        if (cursor.Offset + page.Count < all.Count)
        {
            answer["nextPageToken"] = (cursor with { Offset = cursor.Offset + page.Count }).Write();
        }
        else
        {
            answer["nextSyncToken"] = $"CPs{cursor.Upto}";
        }

        answer["items"] = new JsonArray([.. page.Select(e => Json(e, grant.Account.Email))]);
        return Results.Json(answer);
    }

    private IResult Insert(HttpContext context, JsonObject? body)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows(Scope))
        {
            return GoogleApiError.Of(403, "PERMISSION_DENIED", "Request had insufficient authentication scopes.", "insufficientPermissions");
        }

        if (!TryTime(body?["start"], out var start) || !TryTime(body?["end"], out var end))
        {
            return GoogleApiError.Of(400, "INVALID_ARGUMENT", "Missing time zone definition for start time.", "required");
        }

        if (end < start)
        {
            return GoogleApiError.Of(400, "INVALID_ARGUMENT", "The specified time range is empty.", "timeRangeEmpty");
        }

        var attendees = body?["attendees"] is JsonArray list ? list.Select(a => a?["email"]?.GetValue<string>()).OfType<string>().ToArray() : [];
        var stored = Put(grant.Account, new FakeCalendarEvent(body?["summary"]?.GetValue<string>() ?? "", start, end, attendees)
        {
            Description = body?["description"]?.GetValue<string>(),
        });
        return Results.Json(Json(stored, grant.Account.Email));
    }

    private static JsonObject Json(FakeCalendarEvent e, string self)
    {
        if (e.Status == "cancelled")
        {
            return new JsonObject { ["kind"] = "calendar#event", ["etag"] = $"\"{e.Version}\"", ["id"] = e.Id, ["status"] = "cancelled" };
        }

        var organizer = e.Organizer ?? self;
        var json = new JsonObject
        {
            ["kind"] = "calendar#event",
            ["etag"] = $"\"{e.Version}\"",
            ["id"] = e.Id,
            ["status"] = e.Status,
            ["htmlLink"] = $"https://www.google.com/calendar/event?eid={Convert.ToBase64String(Encoding.UTF8.GetBytes($"{e.Id} {self}")).TrimEnd('=')}",
            ["created"] = Stamp(e.Created),
            ["updated"] = Stamp(e.Updated),
            ["summary"] = e.Summary,
            ["creator"] = new JsonObject { ["email"] = organizer, ["self"] = organizer == self },
            ["organizer"] = new JsonObject { ["email"] = organizer, ["self"] = organizer == self },
            ["start"] = Time(e.Start, e.Date),
            ["end"] = Time(e.End, e.Date),
            ["iCalUID"] = $"{e.Id}@google.com",
            ["sequence"] = 0,
            ["reminders"] = new JsonObject { ["useDefault"] = true },
            ["eventType"] = "default",
        };
        if (e.Description is not null)
        {
            json["description"] = e.Description;
        }

        if (e.Attendees.Length > 0)
        {
            json["attendees"] = new JsonArray([.. e.Attendees.Prepend(organizer).Distinct(StringComparer.OrdinalIgnoreCase).Select(email =>
            {
                // Google leaves out organizer and self when they are false.
                var attendee = new JsonObject { ["email"] = email, ["displayName"] = email.Split('@')[0] };
                if (email == organizer)
                {
                    attendee["organizer"] = true;
                }

                if (email == self)
                {
                    attendee["self"] = true;
                }

                attendee["responseStatus"] = email == organizer ? "accepted" : "needsAction";
                return attendee;
            })]);
        }

        return json;
    }

    private static JsonObject Time(DateTimeOffset at, bool date) => date
        ? new JsonObject { ["date"] = at.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) }
        : new JsonObject { ["dateTime"] = at.ToString("yyyy-MM-ddTHH:mm:sszzz", CultureInfo.InvariantCulture), ["timeZone"] = "UTC" };

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);

    private static bool TryTime(JsonNode? node, out DateTimeOffset at)
    {
        at = default;
        return node?["dateTime"] is JsonValue value && value.TryGetValue<string>(out var text)
            && DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out at);
    }

    private Calendar CalendarOf(string email) => calendars.GetOrAdd(email, _ => new Calendar());

    private sealed class Calendar
    {
        public ConcurrentDictionary<string, FakeCalendarEvent> Events { get; } = new();
        public long Version { get; set; }
        public long ValidFrom { get; set; }
    }

    // What a page token stands for: a full listing (from timeMin) or the changes since a version, as of version Upto.
    private sealed record Cursor(long? Since, DateTimeOffset? TimeMin, int Offset, long Upto)
    {
        public string Write() => Convert.ToBase64String(JsonSerializer.SerializeToUtf8Bytes(this));

        public static Cursor? Read(string token)
        {
            try
            {
                return JsonSerializer.Deserialize<Cursor>(Convert.FromBase64String(token));
            }
            catch (Exception e) when (e is FormatException or JsonException)
            {
                return null;
            }
        }
    }
}
