using System.Globalization;
using Integrations.Apps.Actions;
using Integrations.Apps.Connections;
using Integrations.Apps.Syncs;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Apps.Providers.Notion;

/// <summary>Notion: the database sync, <c>create_page</c>, the settings check of the mapping, and the webhook at
/// <c>/api/v1/apps/notion/webhook</c> (verification token, then signed page events that read the page again).</summary>
internal static class NotionServices
{
    public const string AppId = "notion";
    public const string WebhookPath = "/api/v1/apps/notion/webhook";

    public static IServiceCollection AddNotion(this IServiceCollection services, IConfiguration config)
    {
        services.AddOptions<NotionOptions>().Bind(config.GetSection(NotionOptions.Section))
            .Validate(o => DateTime.TryParseExact(o.ApiVersion, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _),
                "Sentinel:Apps:notion:ApiVersion must be a Notion-Version date, e.g. 2022-06-28.")
            .ValidateOnStart();
        services.AddScoped<NotionApi>();
        services.AddScoped<NotionRecords>();
        services.AddScoped<IAppSync, DatabaseSync>();
        services.AddScoped<IAppAction, CreatePage>();
        services.AddSingleton<IConnectionSettingsCheck, NotionSettingsCheck>();
        services.AddScoped<NotionVerificationTokens>();
        services.AddSingleton<NotionPageEvents>();
        services.AddScoped<NotionWebhookReceiver>();
        return services;
    }

    /// <summary>Anonymous to API keys: Notion calls it, and the verification token decides.</summary>
    public static void MapNotionWebhook(this IEndpointRouteBuilder api) =>
        api.MapPost("/apps/notion/webhook",
                (HttpContext http, string? workspace, NotionWebhookReceiver receiver, CancellationToken ct) => receiver.ReceiveAsync(http, workspace, ct))
            .AllowAnonymous()
            .WithTags("Apps")
            .WithSummary("Notion's webhook subscription for the workspace named by ?workspace=: keeps its verification token, then reads a page again on each signed page event (X-Notion-Signature) and emits notion.page_changed.")
            .Produces(StatusCodes.Status200OK)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status401Unauthorized)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status503ServiceUnavailable);
}
