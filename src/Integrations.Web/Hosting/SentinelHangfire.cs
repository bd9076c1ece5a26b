using Hangfire;
using Hangfire.PostgreSql;
using Integrations.Platform.Identity;

namespace Integrations.Web.Hosting;

internal static class SentinelHangfire
{
    /// <summary>Hangfire on the app's PostgreSQL (schema <c>hangfire</c>); <c>Sentinel:Hangfire:Server=false</c> runs no server.</summary>
    public static IServiceCollection AddSentinelHangfire(this IServiceCollection services, IConfiguration config, string connectionString)
    {
        services.AddHangfire(hangfire => hangfire
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UsePostgreSqlStorage(storage => storage.UseNpgsqlConnection(connectionString), new PostgreSqlStorageOptions
            {
                // A job whose server died (a crash, a kill) is picked up again after this long. The default is half an
                // hour, and a job running longer than that was started twice; sliding, the timeout is renewed while the
                // job runs, so it can be short. Every job resumes or repeats safely (imports from their last chunk).
                // Sentinel:Hangfire:InvisibilityTimeout; the job's heartbeat renews it every fifth of it.
                InvisibilityTimeout = config.GetValue("Sentinel:Hangfire:InvisibilityTimeout", TimeSpan.FromMinutes(5)),
                UseSlidingInvisibilityTimeout = true,
                // A lock an instance held when it died is taken from it after this long (the default is 10 minutes, and
                // until then the next instance could not register its recurring jobs). Hangfire holds its locks for
                // moments (a state change, a recurring job's schedule); the app takes none of its own.
                DistributedLockTimeout = TimeSpan.FromMinutes(1),
            }));
        if (config.GetValue("Sentinel:Hangfire:Server", true))
        {
            services.AddHangfireServer(server => server.WorkerCount = config.GetValue("Sentinel:Hangfire:Workers", 4));
        }

        return services;
    }

    /// <summary>The dashboard at <c>/hangfire</c>, for platform operators only (<see cref="PlatformOperators"/>): it is cross-tenant.</summary>
    public static void MapSentinelHangfire(this WebApplication app) =>
        app.MapHangfireDashboard("/hangfire", new DashboardOptions { Authorization = [], DashboardTitle = "Sentinel jobs" })
            .RequireAuthorization(policy => policy.RequireRole(AdminRoles.Operator));
}
