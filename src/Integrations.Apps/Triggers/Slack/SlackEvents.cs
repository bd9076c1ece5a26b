using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Triggers.Slack;

/// <summary>Slack's trigger events: its Events API posts to <c>/api/v1/apps/slack/events</c>
/// (<see cref="SlackEventReceiver"/>), which turns messages and reactions into <c>slack.*</c> events.</summary>
internal static class SlackEvents
{
    public const string AppId = "slack";

    public static IServiceCollection AddSlackEvents(this IServiceCollection services)
    {
        services.AddScoped<SlackEventReceiver>();
        services.AddSingleton<SlackTriggerWriter>();
        services.AddScoped<SlackEventReceiptPruneJob>();
        return services;
    }

    /// <summary>Anonymous to API keys: Slack calls it, and its signature decides.</summary>
    public static void MapSlackEvents(this IEndpointRouteBuilder api) =>
        api.MapPost("/apps/slack/events", (HttpContext http, SlackEventReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(http, ct))
            .AllowAnonymous()
            .WithTags("Apps")
            .WithSummary("Slack's Events API: verified with Slack's v0 signature, answers url_verification, and turns messages in chosen channels and reactions into slack.* events.")
            .Produces<SlackChallenge>(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
}

/// <summary>The answer to <c>url_verification</c>, as Slack documents it.</summary>
internal sealed record SlackChallenge(string Challenge);
