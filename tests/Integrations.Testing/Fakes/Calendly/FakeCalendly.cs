using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Calendly;

/// <summary>
/// Calendly's API v2 as far as the calendly app uses it, on a <see cref="FakeOAuthProvider"/> of the Calendly style
/// (map it through <see cref="FakeOAuthOptions.Apis"/>): webhook subscriptions (create, with Calendly's 400 / 403 / 409
/// answers; delete), scheduled events of an organization paged by <c>page_token</c>, an event's invitees, single-use
/// scheduling links for an event type. Every answer and error is shaped as Calendly documents (<c>resource</c>,
/// <c>collection</c> + <c>pagination</c>, <c>{ title, message, details }</c>). Resource uris are Calendly's own
/// (<c>https://api.calendly.com/…</c>): the app calls them at its configured API URL. Deliveries are signed the way
/// Calendly signs them (<c>Calendly-Webhook-Signature: t=…,v1=…</c>).
/// </summary>
public sealed class FakeCalendly
{
    public const string Api = "https://api.calendly.com";

    private readonly ConcurrentDictionary<string, List<FakeScheduledEvent>> events = new();
    private readonly ConcurrentDictionary<string, string> eventTypes = new();

    /// <summary>Subscriptions by uuid; a deleted one is gone.</summary>
    public ConcurrentDictionary<string, FakeWebhookSubscription> Subscriptions { get; } = new();

    /// <summary>The scheduling links made, as their request bodies asked.</summary>
    public ConcurrentQueue<JsonElement> SchedulingLinks { get; } = [];

    /// <summary>The query strings of <c>GET /scheduled_events</c>, in order.</summary>
    public ConcurrentQueue<string> EventQueries { get; } = [];

    /// <summary>When set, <c>POST /webhook_subscriptions</c> answers 403 with this message (a plan without webhooks).</summary>
    public string? RefuseSubscriptionsWith { get; set; }

    public int MaxPageSize { get; set; } = 100;

    public static string UserUri(FakeAccount account) => $"{Api}/users/{Id("user", account.Email)}";

    /// <summary>Accounts of one Slack-style team id are members of one organization.</summary>
    public static string OrganizationUri(FakeAccount account) => $"{Api}/organizations/{Id("org", account.TeamId)}";

    public static IResult Error(int status, string title, string message, object? details = null) =>
        Results.Json(details is null ? new { title, message } : new { title, message, details }, statusCode: status);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost("/webhook_subscriptions", CreateSubscriptionAsync).RequireFakeAccessToken();
        endpoints.MapDelete("/webhook_subscriptions/{uuid}", DeleteSubscription).RequireFakeAccessToken();
        endpoints.MapGet("/scheduled_events", ListEvents).RequireFakeAccessToken();
        endpoints.MapGet("/scheduled_events/{uuid}/invitees", ListInvitees).RequireFakeAccessToken();
        endpoints.MapPost("/scheduling_links", CreateSchedulingLinkAsync).RequireFakeAccessToken();
    }

    /// <summary>An event type of the account's organization; its uri.</summary>
    public string AddEventType(FakeAccount account, string name)
    {
        var uri = $"{Api}/event_types/{Guid.NewGuid().ToString("N")[..16].ToUpperInvariant()}";
        eventTypes[uri] = OrganizationUri(account);
        return uri;
    }

    /// <summary>A scheduled event in the account's organization (booked already, before or after connecting).</summary>
    public FakeScheduledEvent Put(FakeAccount account, FakeScheduledEvent scheduled)
    {
        var list = events.GetOrAdd(OrganizationUri(account), _ => []);
        lock (list)
        {
            list.Add(scheduled);
        }

        return scheduled;
    }

    public FakeWebhookSubscription? SubscriptionOf(FakeAccount account) =>
        Subscriptions.Values.FirstOrDefault(s => s.Organization == OrganizationUri(account));

    /// <summary>What Calendly would POST to the subscription for <paramref name="invitee"/> of <paramref name="scheduled"/>
    /// (<c>invitee.created</c> or <c>invitee.canceled</c>), signed at <paramref name="at"/> with the subscription's key
    /// (or <paramref name="key"/>, to sign it wrongly).</summary>
    public static FakeCalendlyDelivery Delivery(FakeWebhookSubscription subscription, string eventName, FakeScheduledEvent scheduled,
        FakeInvitee invitee, DateTimeOffset at, string? key = null)
    {
        var payload = Invitee(scheduled, invitee, at);
        payload["scheduled_event"] = Event(scheduled);
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["created_at"] = Time(at),
            ["created_by"] = subscription.Creator,
            ["event"] = eventName,
            ["payload"] = payload,
        });
        var t = at.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var v1 = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(key ?? subscription.SigningKey ?? ""), Encoding.UTF8.GetBytes($"{t}.{body}")));
        return new FakeCalendlyDelivery(subscription.CallbackUrl, body, $"t={t},v1={v1}");
    }

    /// <summary>Sends the delivery as Calendly does (for a browser test, whose app listens on a real port); the status.</summary>
    public static async Task<int> DeliverAsync(FakeCalendlyDelivery delivery, CancellationToken ct = default)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, delivery.CallbackUrl) { Content = new StringContent(delivery.Body, Encoding.UTF8, "application/json") };
        request.Headers.TryAddWithoutValidation("Calendly-Webhook-Signature", delivery.Signature);
        using var response = await http.SendAsync(request, ct);
        return (int)response.StatusCode;
    }

    private async Task<IResult> CreateSubscriptionAsync(HttpContext context, CancellationToken ct)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("webhooks:write"))
        {
            return Forbidden();
        }

        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, default, ct)).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Invalid("body", "is not valid JSON");
        }

        var url = Text(body, "url");
        var organization = Text(body, "organization");
        var scope = Text(body, "scope");
        var eventNames = body.TryGetProperty("events", out var e) && e.ValueKind == JsonValueKind.Array
            ? e.EnumerateArray().Select(x => x.GetString() ?? "").ToList() : [];
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out _))
        {
            return Invalid("url", "must be a valid URL");
        }

        if (eventNames.Count == 0 || eventNames.Any(n => n is not ("invitee.created" or "invitee.canceled" or "invitee_no_show.created" or "routing_form_submission.created")))
        {
            return Invalid("events", "must be a non-empty list of supported events");
        }

        if (scope is not ("organization" or "user" or "group") || organization is null)
        {
            return Invalid(scope is null ? "scope" : "organization", "is required");
        }

        if (organization != OrganizationUri(grant.Account))
        {
            return Forbidden();
        }

        if (RefuseSubscriptionsWith is { } refusal)
        {
            return Error(403, "Permission Denied", refusal);
        }

        if (Subscriptions.Values.Any(s => s.Organization == organization && s.CallbackUrl == url))
        {
            return Error(409, "Already Exists", "Hook with this url already exists");
        }

        var now = DateTimeOffset.UtcNow;
        var subscription = new FakeWebhookSubscription(Guid.NewGuid().ToString("N")[..16].ToUpperInvariant(), url, eventNames, organization, scope,
            Text(body, "signing_key"), UserUri(grant.Account), now);
        Subscriptions[subscription.Uuid] = subscription;
        return Results.Json(new { resource = Resource(subscription) }, statusCode: 201);
    }

    private IResult DeleteSubscription(string uuid, HttpContext context)
    {
        var grant = context.FakeGrant();
        if (!Subscriptions.TryGetValue(uuid, out var subscription))
        {
            return NotFound();
        }

        if (!grant.Allows("webhooks:write") || subscription.Organization != OrganizationUri(grant.Account))
        {
            return Forbidden();
        }

        Subscriptions.TryRemove(uuid, out _);
        return Results.NoContent();
    }

    private IResult ListEvents(HttpContext context)
    {
        var grant = context.FakeGrant();
        var query = context.Request.Query;
        EventQueries.Enqueue(context.Request.QueryString.Value ?? "");
        if (!grant.Allows("scheduled_events:read"))
        {
            return Forbidden();
        }

        if (query["organization"].ToString() is not { Length: > 0 } organization)
        {
            return Invalid("organization", "must be provided (or user or group)");
        }

        if (organization != OrganizationUri(grant.Account))
        {
            return Forbidden();
        }

        var count = query["count"].ToString() is { Length: > 0 } c ? int.Parse(c, CultureInfo.InvariantCulture) : 20;
        if (count is < 1 or > 100)
        {
            return Invalid("count", "must be between 1 and 100");
        }

        var min = query["min_start_time"].ToString() is { Length: > 0 } m ? DateTimeOffset.Parse(m, CultureInfo.InvariantCulture) : DateTimeOffset.MinValue;
        List<FakeScheduledEvent> all;
        var list = events.GetOrAdd(organization, _ => []);
        lock (list)
        {
            all = [.. list.Where(x => x.Start >= min).OrderBy(x => x.Start)];
        }

        return Paged(query, Math.Min(count, MaxPageSize), all.Select(Event).Cast<object>().ToList());
    }

    private IResult ListInvitees(string uuid, HttpContext context)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("scheduled_events:read"))
        {
            return Forbidden();
        }

        var list = events.GetOrAdd(OrganizationUri(grant.Account), _ => []);
        FakeScheduledEvent? scheduled;
        lock (list)
        {
            scheduled = list.FirstOrDefault(x => x.Uuid == uuid);
        }

        if (scheduled is null)
        {
            return NotFound();
        }

        var count = context.Request.Query["count"].ToString() is { Length: > 0 } c ? int.Parse(c, CultureInfo.InvariantCulture) : 20;
        return Paged(context.Request.Query, Math.Min(count, MaxPageSize),
            scheduled.Invitees.Select(i => (object)Invitee(scheduled, i, scheduled.Start.AddDays(-1))).ToList());
    }

    private async Task<IResult> CreateSchedulingLinkAsync(HttpContext context, CancellationToken ct)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("scheduling_links:write"))
        {
            return Forbidden();
        }

        var body = (await JsonDocument.ParseAsync(context.Request.Body, default, ct)).RootElement.Clone();
        var owner = Text(body, "owner");
        if (owner is null)
        {
            return Invalid("owner", "is required");
        }

        if (Text(body, "owner_type") != "EventType")
        {
            return Invalid("owner_type", "must be EventType");
        }

        if (!body.TryGetProperty("max_event_count", out var max) || max.ValueKind != JsonValueKind.Number || max.GetInt32() != 1)
        {
            return Invalid("max_event_count", "must be 1");
        }

        if (eventTypes.GetValueOrDefault(owner) != OrganizationUri(grant.Account))
        {
            return NotFound();
        }

        SchedulingLinks.Enqueue(body);
        var slug = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        return Results.Json(new
        {
            resource = new { booking_url = $"https://calendly.com/d/{slug[..4]}-{slug[4..]}/30-minute-meeting", owner, owner_type = "EventType" },
        }, statusCode: 201);
    }

    /// <summary>Calendly's pagination: an opaque <c>page_token</c> (here the offset, base64) and <c>next_page</c>.</summary>
    private static IResult Paged(IQueryCollection query, int count, List<object> items)
    {
        var offset = query["page_token"].ToString() is { Length: > 0 } token ? int.Parse(Encoding.UTF8.GetString(Convert.FromBase64String(token)), CultureInfo.InvariantCulture) : 0;
        var page = items.Skip(offset).Take(count).ToList();
        var next = offset + count < items.Count ? Convert.ToBase64String(Encoding.UTF8.GetBytes((offset + count).ToString(CultureInfo.InvariantCulture))) : null;
        return Results.Json(new
        {
            collection = page,
            pagination = new
            {
                count = page.Count,
                next_page = next is null ? null : $"{Api}/scheduled_events?page_token={Uri.EscapeDataString(next)}",
                previous_page = (string?)null,
                next_page_token = next,
                previous_page_token = (string?)null,
            },
        });
    }

    private static Dictionary<string, object?> Event(FakeScheduledEvent e) => new()
    {
        ["uri"] = e.Uri,
        ["name"] = e.Name,
        ["meeting_notes_plain"] = null,
        ["status"] = e.Status,
        ["start_time"] = Time(e.Start),
        ["end_time"] = Time(e.End),
        ["event_type"] = $"{Api}/event_types/GBGBDCAADAEDCRZ2",
        ["location"] = e.Location,
        ["invitees_counter"] = new { total = e.Invitees.Count, active = e.Invitees.Count(i => i.Status == "active"), limit = 1 },
        ["created_at"] = Time(e.Start.AddDays(-2)),
        ["updated_at"] = Time(e.Start.AddDays(-2)),
        ["event_memberships"] = e.Hosts.Select(h => new { user = $"{Api}/users/{Id("user", h.Email)}", user_email = h.Email, user_name = h.Name }).ToList(),
        ["event_guests"] = Array.Empty<object>(),
    };

    private static Dictionary<string, object?> Invitee(FakeScheduledEvent e, FakeInvitee i, DateTimeOffset at) => new()
    {
        ["uri"] = $"{e.Uri}/invitees/{i.Uuid}",
        ["email"] = i.Email,
        ["first_name"] = null,
        ["last_name"] = null,
        ["name"] = i.Name,
        ["status"] = i.Status,
        ["questions_and_answers"] = i.Answers.Select((a, n) => new { question = a.Question, answer = a.Answer, position = n }).ToList(),
        ["timezone"] = "Europe/Lisbon",
        ["event"] = e.Uri,
        ["created_at"] = Time(at),
        ["updated_at"] = Time(at),
        ["tracking"] = new { utm_campaign = (string?)null, utm_source = (string?)null, utm_medium = (string?)null, utm_content = (string?)null, utm_term = (string?)null, salesforce_uuid = (string?)null },
        ["text_reminder_number"] = null,
        ["rescheduled"] = false,
        ["old_invitee"] = null,
        ["new_invitee"] = null,
        ["cancel_url"] = $"https://calendly.com/cancellations/{i.Uuid}",
        ["reschedule_url"] = $"https://calendly.com/reschedulings/{i.Uuid}",
        ["routing_form_submission"] = null,
        ["cancellation"] = i.Cancellation is { } c ? new { canceled_by = c.CanceledBy, reason = c.Reason, canceler_type = c.CancelerType, created_at = Time(at) } : null,
        ["payment"] = null,
        ["no_show"] = null,
        ["reconfirmation"] = null,
        ["scheduling_method"] = null,
        ["invitee_scheduled_by"] = null,
    };

    private static object Resource(FakeWebhookSubscription s) => new
    {
        uri = s.Uri,
        callback_url = s.CallbackUrl,
        created_at = Time(s.CreatedAt),
        updated_at = Time(s.CreatedAt),
        retry_started_at = (string?)null,
        state = "active",
        events = s.Events,
        scope = s.Scope,
        organization = s.Organization,
        user = (string?)null,
        group = (string?)null,
        creator = s.Creator,
    };

    private static IResult Invalid(string parameter, string message) =>
        Error(400, "Invalid Argument", "The supplied parameters are invalid.", new[] { new { parameter, message } });

    private static IResult Forbidden() => Error(403, "Permission Denied", "You do not have permission to access this resource.");

    private static IResult NotFound() => Error(404, "Resource Not Found", "The server could not find the requested resource.");

    private static string? Text(JsonElement json, string name) =>
        json.ValueKind == JsonValueKind.Object && json.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    private static string Id(string kind, string seed) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(kind + seed)))[..16];
}
