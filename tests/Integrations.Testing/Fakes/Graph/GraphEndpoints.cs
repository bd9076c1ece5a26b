using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Graph;

/// <summary>The fake Graph's routes (Graph's paths are case-insensitive, as ASP.NET Core's routes are).</summary>
internal static partial class GraphEndpoints
{
    private const int DefaultPageSize = 10;

    public static void Map(IEndpointRouteBuilder endpoints, FakeGraph graph)
    {
        endpoints.MapGet("/v1.0/me/mailFolders/{folder}/messages/delta", (HttpContext http, string folder) => MessagesDelta(http, graph, folder))
            .RequireFakeAccessToken();
        endpoints.MapGet("/v1.0/me/calendarView/delta", (HttpContext http) => CalendarDelta(http, graph)).RequireFakeAccessToken();
        endpoints.MapPost("/v1.0/me/sendMail", (Func<HttpContext, Task<IResult>>)(http => GraphWrites.SendMailAsync(http, graph))).RequireFakeAccessToken();
        endpoints.MapPost("/v1.0/me/events", (Func<HttpContext, Task<IResult>>)(http => GraphWrites.CreateEventAsync(http, graph))).RequireFakeAccessToken();
    }

    private static IResult MessagesDelta(HttpContext http, FakeGraph graph, string folder)
    {
        if (Denied(http, graph, "Mail.Read", "Mail.ReadBasic", "Mail.ReadWrite") is { } denied)
        {
            return denied;
        }

        var collection = folder.ToLowerInvariant();
        if (collection is not (FakeMailbox.Inbox or FakeMailbox.SentItems))
        {
            return GraphErrors.Json(graph.Clock, 404, "ErrorItemNotFound", "The specified object was not found in the store.");
        }

        var query = http.Request.Query;
        DateTimeOffset? from = null;
        if (query["$filter"].ToString() is { Length: > 0 } filter)
        {
            var match = ReceivedFilter().Match(filter);
            if (!match.Success || !DateTimeOffset.TryParse(match.Groups[2].Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at))
            {
                return GraphErrors.Json(graph.Clock, 400, "ErrorInvalidUrlQueryFilter", "The query filter contains one or more invalid nodes.");
            }

            from = match.Groups[1].Value == "gt" ? at.AddTicks(1) : at;
        }

        var select = query["$select"].ToString() is { Length: > 0 } chosen ? chosen.Split(',', StringSplitOptions.TrimEntries) : null;
        return Delta(http, graph, new DeltaState(collection, 0, 0, 0) { ReceivedFrom = from, Select = select });
    }

    private static IResult CalendarDelta(HttpContext http, FakeGraph graph)
    {
        if (Denied(http, graph, "Calendars.Read", "Calendars.ReadWrite") is { } denied)
        {
            return denied;
        }

        var query = http.Request.Query;
        var resuming = query.ContainsKey("$skiptoken") || query.ContainsKey("$deltatoken");
        DateTimeOffset start = default, end = default;
        if (!resuming && !(Instant(query["startDateTime"]) is { } s && Instant(query["endDateTime"]) is { } e && (start = s) < (end = e)))
        {
            return GraphErrors.Json(graph.Clock, 400, "ErrorInvalidParameter",
                "This request requires a time window specified by the query string parameters StartDateTime and EndDateTime.");
        }

        return Delta(http, graph, new DeltaState(FakeMailbox.Calendar, 0, 0, 0) { WindowStart = start, WindowEnd = end });
    }

    private static IResult Delta(HttpContext http, FakeGraph graph, DeltaState initial)
    {
        var mailbox = graph.Mailbox(http.FakeGrant().Account.Email);
        var query = http.Request.Query;
        var state = query["$deltatoken"].ToString() is { Length: > 0 } delta ? mailbox.Resume(initial.Collection, delta, nextRound: true)
            : query["$skiptoken"].ToString() is { Length: > 0 } skip ? mailbox.Resume(initial.Collection, skip, nextRound: false)
            : mailbox.Start(initial);
        if (state is null)
        {
            return GraphErrors.Json(graph.Clock, 410, "SyncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again.");
        }

        var asked = PageSize().Match(http.Request.Headers["Prefer"].ToString()) is { Success: true } m ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture) : (int?)null;
        if (asked is not null)
        {
            http.Response.Headers["Preference-Applied"] = $"odata.maxpagesize={asked}";
        }

        var page = mailbox.Read(state, Math.Max(1, Math.Min(asked ?? DefaultPageSize, graph.MaxPageSize)));
        var link = $"{http.Request.Scheme}://{http.Request.Host}{http.Request.Path}?{(page.EndOfRound ? "$deltatoken" : "$skiptoken")}={page.Token}";
        return Results.Json(new JsonObject
        {
            ["@odata.context"] = $"https://graph.microsoft.com/v1.0/$metadata#Collection({(initial.Collection == FakeMailbox.Calendar ? "event" : "message")})",
            [page.EndOfRound ? "@odata.deltaLink" : "@odata.nextLink"] = link,
            ["value"] = new JsonArray([.. page.Items]),
        });
    }

    /// <summary>403 <c>ErrorAccessDenied</c> unless the token's grant has one of <paramref name="scopes"/>.</summary>
    internal static IResult? Denied(HttpContext http, FakeGraph graph, params string[] scopes) =>
        http.FakeGrant().Scopes.Any(s => scopes.Contains(s.Replace("https://graph.microsoft.com/", "", StringComparison.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase))
            ? null
            : GraphErrors.Json(graph.Clock, 403, "ErrorAccessDenied", "Access is denied. Check credentials and try again.");

    private static DateTimeOffset? Instant(string? text) =>
        DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var at) ? at : null;

    [GeneratedRegex(@"^\s*receivedDateTime\s+(ge|gt)\s+(\S+)\s*$", RegexOptions.IgnoreCase)]
    private static partial Regex ReceivedFilter();

    [GeneratedRegex(@"odata\.maxpagesize=(\d{1,6})", RegexOptions.IgnoreCase)]
    private static partial Regex PageSize();
}
