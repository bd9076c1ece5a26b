using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Integrations.Platform.Events;
using Integrations.Platform.Outbound;
using Integrations.Webhooks.Dispatch;
using Integrations.Webhooks.FanOut;
using Integrations.Webhooks.Jobs;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Integrations.Platform.Data.Partitions;
using Integrations.Platform.Workspaces;

namespace Integrations.Webhooks;

/// <summary>Registers outbound webhooks: subscriptions, the event catalog, fan-out, signing and delivery.</summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(WebhooksModule).Assembly));
        services.AddApiScopes(WebhookScopes.All);
        services.Configure<WebhookOptions>(config.GetSection(WebhookOptions.Section));
        var retention = config.GetSection(WebhookOptions.Section).Get<WebhookOptions>() ?? new WebhookOptions();
        services.AddPartitionedTable(new PartitionedTable("webhook_deliveries", TimeSpan.FromDays(retention.DeliveredRetentionDays),
            KeepLongerWhere: "status <> 'Delivered'", KeepLongerFor: TimeSpan.FromDays(retention.FailedRetentionDays)));
        services.AddPartitionedTable(new PartitionedTable("webhook_delivery_attempts", TimeSpan.FromDays(retention.AttemptRetentionDays)));
        services.AddScoped<IEventSubscriber, DeliveryFanOut>();
        services.AddSingleton<WebhookSecrets>();
        services.AddSingleton<SubscriptionRules>();
        services.AddSingleton<ReplayLimiter>();
        services.AddFacade<WebhookDirectory>();
        services.AddScoped<IWorkspaceTeardown, SubscriptionTeardown>();
        services.AddFacade<DeliveryLog>();
        services.AddDelivery(config);
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder api)
    {
        api.MapSubscriptionsApi();
        return api;
    }

    /// <summary>The delivery log: list, detail, retry, replay.</summary>
    public static IEndpointRouteBuilder MapDeliveriesApi(this IEndpointRouteBuilder api)
    {
        DeliveriesApi.MapDeliveriesApi(api);
        return api;
    }

    private static void AddDelivery(this IServiceCollection services, IConfiguration config)
    {
        services.AddOutboundHttpClient(DeliverySender.ClientName, (client, sp) =>
        {
            var options = sp.GetRequiredService<IOptions<WebhookOptions>>().Value;
            client.ConnectTimeout = options.AttemptTimeout;
            client.MaxConnectionsPerServer = options.MaxConnectionsPerServer;
        }).ConfigureHttpClient(client => client.Timeout = Timeout.InfiniteTimeSpan);
        services.AddSingleton<DeliverySender>();
        services.AddSingleton<DeliveryClaim>();
        services.AddSingleton<DeliveryResults>();
        services.AddSingleton<DeliveryNotifications>();
        services.AddSingleton<DeliveryDispatcher>();
        services.AddScoped<LeaseReclaimJob>();
        services.AddScoped<AutoPauseSweepJob>();
        services.AddScoped<ReplayJob>();
        services.AddHostedService<DeliveryJobSchedule>();
        if (config.GetValue($"{WebhookOptions.Section}:{nameof(WebhookOptions.Dispatcher)}", true))
        {
            services.AddHostedService(sp => sp.GetRequiredService<DeliveryDispatcher>());
        }
    }
}
