using Integrations.Apps.Connect.Credentials;
using Integrations.Apps.Actions;
using Integrations.Apps.Providers.WhatsApp;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Triggers.WhatsApp;

/// <summary>WhatsApp: its credential check, its actions, and the webhook Meta calls at
/// <c>/api/v1/apps/whatsapp/webhook</c> (<see cref="WhatsAppWebhookReceiver"/>).</summary>
internal static class WhatsAppWebhook
{
    public static IServiceCollection AddWhatsApp(this IServiceCollection services)
    {
        services.AddScoped<ICredentialCheck, WhatsAppCredentials>();
        services.AddScoped<WhatsAppRecipient>();
        services.AddScoped<WhatsAppWindow>();
        services.AddScoped<WhatsAppMessages>();
        services.AddScoped<WhatsAppActivities>();
        services.AddScoped<WhatsAppStatuses>();
        services.AddScoped<IAppAction, SendTemplate>();
        services.AddScoped<IAppAction, SendText>();
        services.AddScoped<WhatsAppWebhookReceiver>();
        services.AddSingleton<WhatsAppInbound>();
        return services;
    }

    /// <summary>Anonymous to API keys: Meta calls it; the verify token (GET) and the signature (POST) decide.</summary>
    public static void MapWhatsAppWebhook(this IEndpointRouteBuilder api)
    {
        api.MapGet("/apps/whatsapp/webhook", (HttpRequest request, WhatsAppWebhookReceiver receiver, CancellationToken ct) => receiver.HandshakeAsync(request, ct))
            .AllowAnonymous()
            .WithTags("Apps")
            .WithSummary("Meta's webhook handshake: echoes hub.challenge when hub.verify_token is a WhatsApp connection's verify token.")
            .Produces<string>(StatusCodes.Status200OK, "text/plain")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status403Forbidden);
        api.MapPost("/apps/whatsapp/webhook", (HttpContext http, WhatsAppWebhookReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(http, ct))
            .AllowAnonymous()
            .WithTags("Apps")
            .WithSummary("WhatsApp's webhook: verified with X-Hub-Signature-256, routed by phone number id; messages become activities and whatsapp.* events.")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
    }
}
