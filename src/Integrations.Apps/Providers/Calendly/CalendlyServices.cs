using Integrations.Apps.Actions;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.Calendly;

/// <summary>Calendly: the webhook subscription made on connect (<see cref="CalendlyWebhooks"/>), its deliveries at
/// <c>/api/v1/apps/calendly/webhook</c>, the scheduled events sync and <c>create_scheduling_link</c>.</summary>
internal static class CalendlyServices
{
    public const string AppId = "calendly";
    public const string WebhookPath = "/api/v1/apps/calendly/webhook";

    public static IServiceCollection AddCalendly(this IServiceCollection services)
    {
        services.AddScoped<CalendlyActivities>();
        services.AddScoped<CalendlyWebhooks>();
        services.AddScoped<IConnectionHook>(s => s.GetRequiredService<CalendlyWebhooks>());
        services.AddScoped<CalendlyWebhookReceiver>();
        services.AddScoped<IAppSync, ScheduledEventsSync>();
        services.AddScoped<IAppAction, CreateSchedulingLink>();
        return services;
    }

    /// <summary>Anonymous to API keys: Calendly calls it, and the connection's signing key decides.</summary>
    public static void MapCalendlyWebhook(this IEndpointRouteBuilder api) =>
        api.MapPost("/apps/calendly/webhook",
                (HttpContext http, string? connection, CalendlyWebhookReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(http, connection, ct))
            .AllowAnonymous()
            .WithTags("Apps")
            .WithSummary("Calendly's webhook deliveries (invitee.created, invitee.canceled) for the connection named by ?connection=, verified with its Calendly-Webhook-Signature.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status410Gone)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}
