using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Zoom;

/// <summary>
/// The Zoom Meeting API v2 on a Zoom-style <see cref="FakeOAuthProvider"/> (map it through <see cref="FakeOAuthOptions.Apis"/>):
/// <c>GET /v2/users/me/meetings</c> (<c>type</c> upcoming / scheduled / previous_meetings, <c>page_size</c> up to 300,
/// <c>next_page_token</c>), <c>GET /v2/past_meetings/{uuid}/participants</c> (paged the same way; a uuid that begins with
/// '/' or holds "//" must come double-encoded, as Zoom documents) and <c>POST /v2/users/me/meetings</c> (201 with the
/// meeting and its <c>join_url</c>; 300 "Validation Failed." for a bad field). Errors are Zoom's <c>{code, message}</c>.
/// </summary>
public sealed class FakeZoom
{
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<long, FakeZoomMeeting>> users = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The most records one page holds whatever <c>page_size</c> asks (Zoom's own ceiling is 300).</summary>
    public int MaxPageSize { get; set; } = 300;

    /// <summary>Each request's path and query, in order.</summary>
    public ConcurrentQueue<string> Requests { get; } = [];

    /// <summary>The bodies <c>POST /users/me/meetings</c> received.</summary>
    public ConcurrentQueue<JsonObject> Created { get; } = [];

    public FakeZoomMeeting Put(FakeAccount host, FakeZoomMeeting meeting)
    {
        MeetingsOf(host)[meeting.Id] = meeting;
        return meeting;
    }

    public IReadOnlyList<FakeZoomMeeting> Meetings(FakeAccount host) => [.. MeetingsOf(host).Values];

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/v2/users/me/meetings", List).RequireFakeAccessToken();
        endpoints.MapPost("/v2/users/me/meetings", Create).RequireFakeAccessToken();
        endpoints.MapGet("/v2/past_meetings/{uuid}/participants", Participants).RequireFakeAccessToken();
    }

    private IResult List(HttpContext context)
    {
        Requests.Enqueue(context.Request.Path + context.Request.QueryString);
        var query = context.Request.Query;
        var type = query["type"].ToString() is { Length: > 0 } t ? t : "scheduled";
        if (type is not ("scheduled" or "live" or "upcoming" or "upcoming_meetings" or "previous_meetings"))
        {
            return ZoomStyle.ApiError(400, 300, "Invalid field.");
        }

        var all = MeetingsOf(context.FakeGrant().Account).Values
            .Where(m => type switch
            {
                "previous_meetings" => m.EndedAt is not null,
                "scheduled" => true,
                _ => m.EndedAt is null,
            })
            .OrderBy(m => m.Start).ThenBy(m => m.Id).ToList();
        return Page(query, all.Count, offset => new JsonObject
        {
            ["meetings"] = new JsonArray([.. all.Skip(offset.Offset).Take(offset.Size).Select(m => Json(m, context.FakeGrant().Account))]),
        });
    }

    private IResult Participants(HttpContext context, string uuid)
    {
        Requests.Enqueue(context.Request.Path + context.Request.QueryString);
        var decoded = Uri.UnescapeDataString(uuid);
        var meeting = MeetingsOf(context.FakeGrant().Account).Values.FirstOrDefault(m => m.Uuid == decoded && m.EndedAt is not null);
        if (meeting is null)
        {
            return ZoomStyle.ApiError(404, 3001, "Meeting does not exist: " + decoded + ".");
        }

        var list = meeting.Participants;
        return Page(context.Request.Query, list.Count, page => new JsonObject
        {
            ["page_count"] = (list.Count + page.Size - 1) / page.Size,
            ["participants"] = new JsonArray([.. list.Skip(page.Offset).Take(page.Size).Select((p, i) => new JsonObject
            {
                ["id"] = "p" + (page.Offset + i).ToString(CultureInfo.InvariantCulture),
                ["name"] = p.Name,
                ["user_id"] = (16_778_240 + page.Offset + i).ToString(CultureInfo.InvariantCulture),
                ["registrant_id"] = "",
                ["user_email"] = p.Email,
                ["join_time"] = Stamp(p.JoinedAt),
                ["leave_time"] = Stamp(p.LeftAt),
                ["duration"] = (int)(p.LeftAt - p.JoinedAt).TotalSeconds,
                ["failover"] = false,
                ["status"] = "in_meeting",
                ["internal_user"] = false,
            })]),
        });
    }

    private IResult Create(HttpContext context, JsonObject? body)
    {
        Requests.Enqueue(context.Request.Path.ToString());
        if (body is null)
        {
            return ZoomStyle.ApiError(400, 300, "Request Body should be a valid JSON object.");
        }

        Created.Enqueue((JsonObject)body.DeepClone());
        var topic = Text(body["topic"]) ?? "Zoom meeting";
        if (topic.Length > 200)
        {
            return Invalid("topic");
        }

        if (!DateTimeOffset.TryParse(Text(body["start_time"]), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var start))
        {
            return Invalid("start_time");
        }

        var duration = body["duration"] is JsonValue d && d.TryGetValue<int>(out var minutes) ? minutes : 60;
        var invitees = body["settings"]?["meeting_invitees"] is JsonArray list
            ? list.Select(i => Text(i?["email"])).OfType<string>().ToArray()
            : [];
        var host = context.FakeGrant().Account;
        var meeting = Put(host, new FakeZoomMeeting(topic, start, duration)
        {
            Timezone = Text(body["timezone"]) ?? "UTC",
            Agenda = Text(body["agenda"]),
            Invitees = invitees,
        });
        var json = Json(meeting, host);
        json["start_url"] = $"https://us06web.zoom.us/s/{meeting.Id}?zak=eyJ0eXAiOiJKV1QifQ";
        json["password"] = "8kQ2pz";
        json["settings"] = new JsonObject
        {
            ["host_video"] = false,
            ["participant_video"] = false,
            ["join_before_host"] = false,
            ["waiting_room"] = true,
            ["meeting_invitees"] = new JsonArray([.. invitees.Select(e => new JsonObject { ["email"] = e })]),
        };
        return Results.Json(json, statusCode: 201);
    }

    private IResult Page(IQueryCollection query, int total, Func<(int Offset, int Size), JsonObject> items)
    {
        var size = int.TryParse(query["page_size"], CultureInfo.InvariantCulture, out var s) ? Math.Clamp(s, 1, MaxPageSize) : Math.Min(30, MaxPageSize);
        var offset = 0;
        if (query["next_page_token"].ToString() is { Length: > 0 } token)
        {
            if (!TryOffset(token, out offset))
            {
                return ZoomStyle.ApiError(400, 300, "Invalid next_page_token.");
            }
        }

        var answer = new JsonObject
        {
            ["next_page_token"] = offset + size < total ? Token(offset + size) : "",
            ["page_size"] = size,
            ["total_records"] = total,
        };
        foreach (var (name, value) in items((offset, size)))
        {
            answer[name] = value?.DeepClone();
        }

        return Results.Json(answer);
    }

    private static JsonObject Json(FakeZoomMeeting m, FakeAccount host) => new()
    {
        ["uuid"] = m.Uuid,
        ["id"] = m.Id,
        ["host_id"] = FakeZoomIds.UserId(host),
        ["host_email"] = host.Email,
        ["topic"] = m.Topic,
        ["type"] = 2,
        ["start_time"] = Stamp(m.Start),
        ["duration"] = m.Duration,
        ["timezone"] = m.Timezone,
        ["agenda"] = m.Agenda,
        ["created_at"] = Stamp(m.Start.AddDays(-1)),
        ["join_url"] = m.JoinUrl,
    };

    private static IResult Invalid(string field) => Results.Json(
        new { code = 300, message = "Validation Failed.", errors = new[] { new { field, message = "Invalid field." } } }, statusCode: 400);

    private static string Token(int offset) => Convert.ToBase64String(Encoding.UTF8.GetBytes("o" + offset.ToString(CultureInfo.InvariantCulture))).TrimEnd('=') + "Zm";

    private static bool TryOffset(string token, out int offset)
    {
        offset = 0;
        try
        {
            var raw = token.EndsWith("Zm", StringComparison.Ordinal) ? token[..^2] : "";
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(raw.PadRight((raw.Length + 3) / 4 * 4, '=')));
            return text.StartsWith('o') && int.TryParse(text[1..], CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Stamp(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);

    private static string? Text(JsonNode? node) => node is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private ConcurrentDictionary<long, FakeZoomMeeting> MeetingsOf(FakeAccount host) => users.GetOrAdd(host.Email, _ => new());
}
