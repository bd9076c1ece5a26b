using Integrations.Platform.Data;
using Integrations.Platform.Outbox;
using Integrations.Webhooks.Delivery;
using Integrations.Webhooks.Security;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Webhooks;

/// <summary>Registers outbound webhooks: subscriptions, the event catalog, fan-out, signing and delivery.</summary>
public static class WebhooksModule
{
    public static IServiceCollection AddWebhooks(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(WebhooksModule).Assembly));
        services.Configure<WebhookOptions>(config.GetSection(WebhookOptions.Section));
        services.AddScoped<IOutboxSubscriber, DeliveryFanOut>();
        services.AddSingleton<OutboundGuard>();
        return services;
    }

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder api) => api;
}
