using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform.Data.Partitions;

/// <summary>How a module declares its time-partitioned tables (their migration makes them partitioned).</summary>
public static class Partitions
{
    public static IServiceCollection AddPartitionedTable(this IServiceCollection services, PartitionedTable table)
    {
        services.AddSingleton(table);
        return services;
    }

    internal static IServiceCollection AddTimePartitions(this IServiceCollection services) => services.AddFacade<TimePartitions>();
}
