using System.Text.Json;
using System.Text.Json.Serialization;
using Integrations.ApiKeys;
using Integrations.Apps;
using Integrations.Automation;
using Integrations.Crm;
using Integrations.Imports;
using Integrations.Inbound;
using Integrations.Platform;
using Integrations.Webhooks;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Identity;
using Microsoft.OpenApi;

namespace Integrations.Web.Hosting;

internal static class SentinelApi
{
    public static IServiceCollection AddSentinelApi(this IServiceCollection services)
    {
        services.AddProblemDetails();
        services.AddExceptionHandler<ApiExceptionHandler>();
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => Configure(options.SerializerOptions));
        services.Configure<Microsoft.AspNetCore.Mvc.JsonOptions>(options => Configure(options.JsonSerializerOptions));
        services.AddEndpointsApiExplorer();
        services.AddSwaggerGen(swagger =>
        {
            swagger.SwaggerDoc("v1", new OpenApiInfo
            {
                Title = "Sentinel Integrations API",
                Version = "v1",
                Description = "CRM records (one at a time and in bulk), API keys, outbound webhooks and their delivery log, "
                    + "platform events, CSV/Excel imports, inbound webhook sources, pull connectors, connected apps and the audit trail. "
                    + "Authenticate with `Authorization: Bearer sk_…`.",
            });
            swagger.AddSecurityDefinition("bearer", new OpenApiSecurityScheme
            {
                Type = SecuritySchemeType.Http,
                Scheme = "bearer",
                BearerFormat = "sk_ + 64 hex",
                Description = "An API key generated on /integrations/api-keys.",
            });
            swagger.AddSecurityRequirement(document =>
                new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference("bearer", document)] = [] });
        });
        return services;
    }

    public static void MapSentinelApi(this WebApplication app)
    {
        // Requests under /api authenticate with API keys only (the default scheme forwards them, see AdminSignIn),
        // so the policy need not name the scheme; naming it would authenticate and merge the principal twice.
        var api = app.MapGroup("/api/v1").RequireAuthorization();
        api.MapPlatformApi();
        api.MapRecordsApi();
        api.MapApiKeysApi();
        api.MapWebhooksApi();
        api.MapDeliveriesApi();
        api.MapImportsApi();
        api.MapInboundApi();
        api.MapAppsApi();
        api.MapAutomationApi();

        // The OpenAPI document stays public (tools read it); the UI that calls the API from a browser is for admins.
        app.UseSwagger();
        app.UseWhen(
            context => context.Request.Path.StartsWithSegments("/swagger") && !context.Request.Path.StartsWithSegments("/swagger/v1"),
            admins => admins.Use(async (context, next) =>
            {
                if (context.User.Identity?.IsAuthenticated != true)
                {
                    await context.ChallengeAsync(IdentityConstants.ApplicationScheme);
                    return;
                }

                await next(context);
            }));
        app.UseSwaggerUI(ui => ui.DocumentTitle = "Sentinel Integrations API");
    }

    private static void Configure(JsonSerializerOptions json)
    {
        json.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower;
        json.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
    }
}
