using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Integrations.Platform.Limits;

/// <summary>
/// Part of <c>/health/ready</c>: degraded (still 200, the instance keeps serving) while a configured Redis cannot be
/// reached, since each instance then allows a whole plan on its own.
/// </summary>
internal sealed class SharedLimitsHealthCheck(SharedStore store) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!store.IsConfigured)
        {
            return HealthCheckResult.Healthy("No shared store is configured: limits are counted in this instance.");
        }

        return await store.PingAsync()
            ? HealthCheckResult.Healthy("Limits are shared through Redis.")
            : HealthCheckResult.Degraded("Redis cannot be reached: limits are counted per instance until it is back.");
    }
}
