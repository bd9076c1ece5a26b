using System.Text.Json;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Platform.Events;

/// <summary>Platform events other Sentinel modules publish to webhook subscribers, the catalog of every type, and the
/// workspace's events for polling (<see cref="EventsListApi"/>).</summary>
internal static class EventsApi
{
    public const int MaxEvents = 100;

    public static void MapEventsApi(this IEndpointRouteBuilder api)
    {
        var events = api.MapGroup("/events").WithTags("Events");
        events.MapGet("/catalog", Catalog).WithSummary("Every event type a webhook can subscribe to, with an example payload.");
        events.MapGet("/", EventsListApi.List).RequireScope(PlatformScopes.EventsRead).ProducesProblem(StatusCodes.Status403Forbidden)
            .WithSummary("The workspace's events of the types the key can read, newest first (type, created_after, cursor pagination).");
        events.MapGet("/{id}", EventsListApi.Get).RequireScope(PlatformScopes.EventsRead)
            .ProducesProblem(StatusCodes.Status403Forbidden).ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("One event, as its deliveries' body carries it.");
        events.MapPost("/", Publish).RequireScope(PlatformScopes.EventsPublish)
            .WithSummary($"Publishes one event ({{event, data}}) or up to {MaxEvents} ({{events: [...]}}) to subscribed webhooks.");
    }

    private static Ok<IReadOnlyList<EventType>> Catalog() => TypedResults.Ok(EventCatalog.All);

    private static async Task<Results<Accepted<PublishedEvents>, ValidationProblem>> Publish(
        PublishRequest request, IntegrationsDbContext db, EventLog events, CancellationToken ct)
    {
        var items = request.Events ?? [new PublishItem(request.Event, request.Data)];
        if (items.Count is 0 or > MaxEvents)
        {
            return ApiProblems.Invalid("events", $"Publish 1 to {MaxEvents} events at a time.");
        }

        var records = new List<EventRecord>(items.Count);
        for (var i = 0; i < items.Count; i++)
        {
            var at = request.Events is null ? "" : $"events[{i}].";
            if (Refusal(items[i].Event, out var type) is { } refusal)
            {
                return ApiProblems.Invalid(at + "event", refusal);
            }

            if (items[i].Data is not { ValueKind: JsonValueKind.Object } data)
            {
                return ApiProblems.Invalid(at + "data", "data must be a JSON object.");
            }

            records.Add(new EventRecord(type, data.GetRawText()));
        }

        // The event log queues the deliveries in this transaction, so an event exists exactly when its deliveries do.
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var appended = await events.AppendAsync(records, ct);
        await transaction.CommitAsync(ct);
        var published = appended.Select(e => new PublishedEvent(PublicId.Format(IdPrefixes.Event, e.Id), e.Type, e.OccurredAt)).ToList();
        return TypedResults.Accepted((string?)null, new PublishedEvents(published));
    }

    /// <summary>Null when <paramref name="name"/> is a type that may be published; else why not.</summary>
    private static string? Refusal(string? name, out EventType type)
    {
        type = EventCatalog.Find(name ?? "")!;
        return type switch
        {
            null => $"'{name}' is not an event type; GET /api/v1/events/catalog lists them.",
            { Publishable: false } => $"'{name}' comes from record changes and imports; it cannot be published.",
            _ => null,
        };
    }

    internal sealed record PublishItem(string? Event, JsonElement? Data);

    internal sealed record PublishRequest(string? Event, JsonElement? Data, IReadOnlyList<PublishItem>? Events);

    internal sealed record PublishedEvent(string Id, string Event, DateTimeOffset Timestamp);

    internal sealed record PublishedEvents(IReadOnlyList<PublishedEvent> Events);
}
