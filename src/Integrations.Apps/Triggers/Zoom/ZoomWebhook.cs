using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Triggers.Zoom;

/// <summary>Zoom's trigger events: its event subscription posts to <c>/api/v1/apps/zoom/webhook</c>
/// (<see cref="ZoomWebhookReceiver"/>), which turns <c>meeting.ended</c> and <c>meeting.participant_joined</c> into
/// <c>zoom.*</c> events and updates the meeting's activity.</summary>
internal static class ZoomWebhook
{
    public const string AppId = "zoom";

    /// <summary>The connection setting (from <c>/users/me</c> at connect) a webhook's <c>account_id</c> is routed by.</summary>
    public const string AccountIdSetting = "zoom_account_id";

    /// <summary>The connection setting with the connected user's Zoom id: a meeting's <c>host_id</c> picks its host's connection.</summary>
    public const string UserIdSetting = "zoom_user_id";

    public static IServiceCollection AddZoomWebhook(this IServiceCollection services)
    {
        services.AddScoped<ZoomWebhookReceiver>();
        services.AddSingleton<ZoomTriggerWriter>();
        return services;
    }

    /// <summary>Anonymous to API keys: Zoom calls it, and its signature decides.</summary>
    public static void MapZoomWebhook(this IEndpointRouteBuilder api) =>
        api.MapPost("/apps/zoom/webhook", (HttpContext http, ZoomWebhookReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(http, ct))
            .AllowAnonymous()
            .WithTags("Apps")
            .WithSummary("Zoom's webhooks: verified with x-zm-signature, answers endpoint.url_validation, and turns meeting.ended and meeting.participant_joined into zoom.* events on the meeting's activity.")
            .Produces<ZoomUrlValidation>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}

/// <summary>The answer to <c>endpoint.url_validation</c>, as Zoom documents it.</summary>
internal sealed record ZoomUrlValidation(
    [property: JsonPropertyName("plainToken")] string PlainToken,
    [property: JsonPropertyName("encryptedToken")] string EncryptedToken);
