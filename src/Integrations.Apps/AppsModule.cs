using Integrations.Apps.Actions;
using Integrations.Apps.Api;
using Integrations.Apps.Calls;
using Integrations.Apps.Catalogue;
using Integrations.Apps.Clients;
using Integrations.Apps.Connect;
using Integrations.Apps.Connections;
using Integrations.Apps.Providers.Calendly;
using Integrations.Apps.Providers.Gmail;
using Integrations.Apps.Providers.Slack;
using Integrations.Apps.Providers.Outlook;
using Integrations.Apps.Providers.Ga4;
using Integrations.Apps.Providers.GoogleCalendar;
using Integrations.Apps.Providers.Zoom;
using Integrations.Apps.Providers.LinkedIn;
using Integrations.Apps.Posts;
using Integrations.Apps.Providers.Meta;
using Integrations.Apps.Providers.Notion;
using Integrations.Apps.Security;
using Integrations.Apps.Syncs;
using Integrations.Apps.Tokens;
using Integrations.Apps.Triggers;
using Integrations.Apps.Triggers.Slack;
using Integrations.Apps.Triggers.WhatsApp;
using Integrations.Apps.Connect.Credentials;
using Integrations.Apps.Triggers.Zoom;
using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Outbound;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Integrations.Apps;

/// <summary>
/// Registers connected apps: the catalogue (<c>Catalogue/apps.json</c>, URLs overridable per app), the OAuth clients
/// they connect with (<c>Clients/</c>), connecting accounts (<c>Connect/</c>), the connections (<c>Connections/</c>),
/// <c>/api/v1/apps</c> and <c>/api/v1/connections</c>, and the apps' trigger events (<c>Triggers/</c>).
/// </summary>
public static class AppsModule
{
    /// <summary>Where Slack's Events API posts (the Request URL an admin registers with the Slack app).</summary>
    public const string SlackEventsPath = "/api/v1/apps/slack/events";

    /// <summary>Where Meta posts WhatsApp's webhooks (the Callback URL an admin registers in Meta's app dashboard).</summary>
    public const string WhatsAppWebhookPath = "/api/v1/apps/whatsapp/webhook";
    /// <summary>Where Zoom's event subscription posts (the endpoint URL an admin registers with the Zoom app).</summary>
    public const string ZoomWebhookPath = "/api/v1/apps/zoom/webhook";

    public static IServiceCollection AddApps(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(AppsModule).Assembly));
        services.AddApiScopes(AppsScopes.All);
        // A connection's events and the apps' trigger events (gmail.email_received…) carry what the account holds.
        services.AddEventReadScopes([new EventReadScope("app.", AppsScopes.Read),
            .. AppCatalogue.Load().Select(app => new EventReadScope($"{app.Id}.", AppsScopes.Read))]);
        services.AddOptions<AppsOptions>().Bind(config.GetSection("Sentinel")).ValidateOnStart();
        services.AddSingleton<IValidateOptions<AppsOptions>, AppsOptionsValidation>();
        services.AddFacade<AppCatalogue>(ServiceLifetime.Singleton);
        services.AddSingleton<AppSecrets>();
        services.AddFacade<AppClients>();
        services.AddScoped<WebhookSigningSecrets>();
        services.AddOutboundHttpClient(AppsHttp.ClientName, (client, _) => client.ConnectTimeout = TimeSpan.FromSeconds(10))
            .ConfigureHttpClient((services, client) => client.Timeout = services.GetRequiredService<IOptions<ConnectionOptions>>().Value.RequestTimeout);
        services.AddSingleton<TokenExchange>();
        services.AddSingleton<AccountReader>();
        services.AddSingleton<ConnectionRevoker>();
        services.AddScoped<ConnectStates>();
        services.AddScoped<ConnectionStore>();
        services.AddFacade<AppConnect>();
        services.AddScoped<ConnectionViews>();
        services.AddFacade<AppConnections>();
        services.AddScoped<IWorkspaceTeardown, ConnectionsTeardown>();
        services.AddOptions<ConnectionOptions>().Bind(config.GetSection("Sentinel:Connections"));
        services.AddSingleton<TokenRefresher>();
        services.AddScoped<AccessTokens>();
        services.AddScoped<AppApi>();
        services.AddScoped<TokenRefreshJob>();
        services.AddScoped<ConnectionExpiringJob>();
        services.AddScoped<SyncQueue>();
        services.AddScoped<SyncRunner>();
        services.AddScoped<SyncScheduleJob>();
        services.AddFacade<AppActions>();
        services.AddScoped<GmailActivities>();
        services.AddScoped<IAppSync, GmailSync>();
        services.AddScoped<IAppAction, SendEmail>();
        services.AddScoped<SlackChannels>();
        services.AddFacade<ChannelChoices>();
        services.AddScoped<IAppAction, PostMessage>();
        services.AddOutlook();
        services.AddScoped<Ga4RowStore>();
        services.AddScoped<IAppSync, Ga4DailyReportSync>();
        services.AddScoped<IAppAction, SendConversion>();
        services.AddFacade<Ga4Reports>();
        services.AddScoped<CalendarActivities>();
        services.AddScoped<IAppSync, CalendarEventsSync>();
        services.AddScoped<IAppAction, CreateEvent>();
        services.AddLinkedIn(config);
        services.AddHostedService<AppsJobSchedule>();
        services.AddSlackEvents();
        services.AddFacade<CredentialConnect>();
        services.AddWhatsApp();
        services.AddZoom();
        services.AddZoomWebhook();
        services.AddCalendly();
        services.AddPosts(config);
        services.AddMeta(config);
        services.AddNotion(config);
        return services;
    }

    public static IEndpointRouteBuilder MapAppsApi(this IEndpointRouteBuilder api)
    {
        api.MapAppsEndpoints();
        api.MapConnectionsEndpoints();
        api.MapSlackEvents();
        api.MapZoomWebhook();
        api.MapGa4ReportsEndpoints();
        api.MapCredentialsEndpoints();
        api.MapWhatsAppWebhook();
        api.MapCalendlyWebhook();
        api.MapPostsEndpoints();
        api.MapNotionWebhook();
        return api;
    }
}
