using Integrations.Platform.Data;
using Integrations.Platform.Jobs;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// At start-up, puts every connector's recurring job in step with the connector (idempotent: same ids, same
/// schedules), so a Hangfire schema that was reset or restored apart from the app's tables cannot leave a connector
/// unscheduled. (A job whose connector is gone finds nothing to run.)
/// </summary>
internal sealed class ConnectorScheduleSync(IServiceScopeFactory scopes, ConnectorSchedules schedules, ILogger<ConnectorScheduleSync> logger)
    : RecurringSchedule(logger)
{
    protected override async Task RegisterAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var connectors = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<Connector>()
            .IgnoreQueryFilters().AsNoTracking().ToListAsync(ct);
        foreach (var connector in connectors)
        {
            schedules.Apply(connector);
        }
    }
}
