using Serilog;
using Serilog.Formatting.Compact;

namespace Integrations.Web.Hosting;

internal static class SerilogSetup
{
    /// <summary>Console logs; compact JSON when <c>Sentinel:Logging:Json</c> is true.</summary>
    public static IHostBuilder UseSentinelSerilog(this IHostBuilder host) =>
        host.UseSerilog((context, services, logger) =>
        {
            logger.ReadFrom.Configuration(context.Configuration)
                .ReadFrom.Services(services)
                .Enrich.FromLogContext()
                .MinimumLevel.Override("Microsoft.AspNetCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Microsoft.EntityFrameworkCore", Serilog.Events.LogEventLevel.Warning)
                .MinimumLevel.Override("Hangfire", Serilog.Events.LogEventLevel.Warning);
            if (context.Configuration.GetValue<bool>("Sentinel:Logging:Json"))
            {
                logger.WriteTo.Console(new RenderedCompactJsonFormatter());
            }
            else
            {
                logger.WriteTo.Console();
            }
        });
}
