using Integrations.Imports.Api;
using Integrations.Imports.Jobs;
using Integrations.Imports.Running;
using Integrations.Platform;
using Integrations.Platform.Api;
using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace Integrations.Imports;

/// <summary>Registers imports: the job tables, upload storage, the <see cref="ImportJobs"/> facade and the runner.</summary>
public static class ImportsModule
{
    public static IServiceCollection AddImports(this IServiceCollection services, IConfiguration config)
    {
        services.AddSingleton(new ModelAssembly(typeof(ImportsModule).Assembly));
        services.AddApiScopes(ImportScopes.All);
        services.AddOptions<ImportOptions>().Bind(config.GetSection(ImportOptions.Section))
            .PostConfigure<IHostEnvironment>((options, host) =>
            {
                if (string.IsNullOrWhiteSpace(options.Folder))
                {
                    options.Folder = Path.Combine(host.ContentRootPath, ".data", "imports");
                }
            });
        services.AddFacade<ImportJobs>();
        services.AddScoped<IWorkspaceTeardown, ImportsTeardown>();
        services.AddScoped<ImportChunkWriter>();
        services.AddScoped<ImportJobEnding>();
        services.AddScoped<ImportJobRunner>();
        services.AddScoped<ImportQueue>();
        services.AddScoped<QueuedImportSweep>();
        services.AddHostedService<ImportJobSchedule>();
        return services;
    }

    public static IEndpointRouteBuilder MapImportsApi(this IEndpointRouteBuilder api)
    {
        api.MapImportsEndpoints();
        return api;
    }
}
