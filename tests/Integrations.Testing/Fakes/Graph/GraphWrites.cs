using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Http;

namespace Integrations.Testing.Fakes.Graph;

/// <summary><c>POST /me/sendMail</c> (202, no body; a copy lands in the sent items unless <c>saveToSentItems</c> is
/// false) and <c>POST /me/events</c> (201 with the event, organized by the account).</summary>
internal static class GraphWrites
{
    public static async Task<IResult> SendMailAsync(HttpContext http, FakeGraph graph)
    {
        if (GraphEndpoints.Denied(http, graph, "Mail.Send") is { } denied)
        {
            return denied;
        }

        if (await BodyAsync(http) is not { } body || body["message"] is not JsonObject message)
        {
            return Invalid(graph, "ErrorInvalidRequest", "Empty Payload. JSON content expected.");
        }

        var to = Addresses(message["toRecipients"]);
        var cc = Addresses(message["ccRecipients"]);
        if (to.Count + cc.Count + Addresses(message["bccRecipients"]).Count == 0)
        {
            return Invalid(graph, "ErrorInvalidRecipients", "At least one recipient is required, but none were found.");
        }

        var mailbox = graph.Mailbox(http.FakeGrant().Account.Email);
        mailbox.SentMail.Enqueue(body);
        if (body["saveToSentItems"]?.GetValue<bool>() != false)
        {
            var sent = new FakeGraphMessage
            {
                Subject = message["subject"]?.GetValue<string>() ?? "",
                From = new FakeAddress(mailbox.Account, http.FakeGrant().Account.Name),
                To = to,
                Cc = cc,
                ContentType = (message["body"]?["contentType"]?.GetValue<string>() ?? "text").ToLowerInvariant(),
                Body = message["body"]?["content"]?.GetValue<string>() ?? "",
                ReceivedAt = graph.Clock.GetUtcNow(),
                Headers = (message["internetMessageHeaders"] as JsonArray ?? []).OfType<JsonObject>()
                    .ToDictionary(h => h["name"]!.GetValue<string>(), h => h["value"]!.GetValue<string>()),
            };
            mailbox.AddSent(sent);
        }

        return Results.StatusCode(StatusCodes.Status202Accepted);
    }

    public static async Task<IResult> CreateEventAsync(HttpContext http, FakeGraph graph)
    {
        if (GraphEndpoints.Denied(http, graph, "Calendars.ReadWrite") is { } denied)
        {
            return denied;
        }

        if (await BodyAsync(http) is not { } body)
        {
            return Invalid(graph, "ErrorInvalidRequest", "Empty Payload. JSON content expected.");
        }

        var (start, startError) = When(body["start"]);
        var (end, endError) = When(body["end"]);
        if ((startError ?? endError) is { } error)
        {
            return Invalid(graph, "TimeZoneNotSupportedException", error);
        }

        if (start is null || end is null)
        {
            return Invalid(graph, "ErrorInvalidRequest", "Your request can't be completed. The start and end of the event are required.");
        }

        var grant = http.FakeGrant();
        var mailbox = graph.Mailbox(grant.Account.Email);
        mailbox.CreatedEvents.Enqueue(body);
        var created = new FakeGraphEvent
        {
            Subject = body["subject"]?.GetValue<string>() ?? "",
            Body = body["body"]?["content"]?.GetValue<string>() ?? "",
            Start = start.Value,
            End = end.Value,
            Organizer = new FakeAddress(mailbox.Account, grant.Account.Name),
            Attendees = [.. (body["attendees"] as JsonArray ?? []).OfType<JsonObject>()
                .Select(a => (Address(a["emailAddress"]), a["type"]?.GetValue<string>() ?? "required"))
                .Where(a => a.Item1 is not null).Select(a => (a.Item1!, a.Item2))],
        };
        mailbox.AddEvents(created);
        var json = GraphJson.Event(created, mailbox.Account, graph.Clock.GetUtcNow());
        json["@odata.context"] = "https://graph.microsoft.com/v1.0/$metadata#users('" + mailbox.Account + "')/events/$entity";
        return Results.Json(json, statusCode: StatusCodes.Status201Created);
    }

    private static async Task<JsonObject?> BodyAsync(HttpContext http)
    {
        try
        {
            return await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static List<FakeAddress> Addresses(JsonNode? recipients) =>
        [.. (recipients as JsonArray ?? []).OfType<JsonObject>().Select(r => Address(r["emailAddress"])).OfType<FakeAddress>()];

    private static FakeAddress? Address(JsonNode? address) =>
        address?["address"]?.GetValue<string>() is { Length: > 0 } email ? new FakeAddress(email, address["name"]?.GetValue<string>()) : null;

    /// <summary>Graph's <c>dateTimeTimeZone</c>: a local date and time in a Windows or IANA time zone.</summary>
    private static (DateTimeOffset?, string?) When(JsonNode? value)
    {
        if (value?["dateTime"]?.GetValue<string>() is not { } text
            || !DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
        {
            return (null, null);
        }

        var zoneName = value["timeZone"]?.GetValue<string>() ?? "UTC";
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(zoneName, out var zone))
        {
            return (null, $"A valid TimeZone value must be specified. The following TimeZone value is not supported: '{zoneName}'.");
        }

        var unspecified = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        return (new DateTimeOffset(unspecified, zone.GetUtcOffset(unspecified)), null);
    }

    private static IResult Invalid(FakeGraph graph, string code, string message) => GraphErrors.Json(graph.Clock, 400, code, message);
}
