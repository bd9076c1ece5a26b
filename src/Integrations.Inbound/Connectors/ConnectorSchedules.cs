using Hangfire;
using Integrations.Inbound.Connectors.Running;

namespace Integrations.Inbound.Connectors;

/// <summary>One Hangfire recurring job per enabled connector (<c>connector-{id}</c>), kept in step with the connector.</summary>
internal sealed class ConnectorSchedules(IRecurringJobManager jobs)
{
    public static string JobId(Guid connectorId) => $"connector-{connectorId:N}";

    public void Apply(Connector connector)
    {
        if (!connector.Enabled)
        {
            Remove(connector.Id);
            return;
        }

        var id = connector.Id;
        jobs.AddOrUpdate<ConnectorRunner>(JobId(id), runner => runner.RunScheduledAsync(id, CancellationToken.None), connector.Schedule,
            new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc });
    }

    public void Remove(Guid connectorId) => jobs.RemoveIfExists(JobId(connectorId));
}
