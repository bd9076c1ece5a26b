using Integrations.Platform.Data;
using Integrations.Platform.Workspaces;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Webhooks.Subscriptions;

/// <summary>A deleted workspace's webhooks are disabled at once: the dispatcher claims nothing more for them.</summary>
internal sealed class SubscriptionTeardown(IntegrationsDbContext db, TimeProvider clock) : IWorkspaceTeardown
{
    public Task StopAsync(Guid workspaceId, CancellationToken ct) =>
        db.Set<WebhookSubscription>().IgnoreQueryFilters()
            .Where(s => s.WorkspaceId == workspaceId && s.Status != SubscriptionStatus.Disabled)
            .ExecuteUpdateAsync(s => s
                .SetProperty(x => x.Status, SubscriptionStatus.Disabled)
                .SetProperty(x => x.StatusReason, "The workspace was deleted.")
                .SetProperty(x => x.UpdatedAt, clock.GetUtcNow()), ct);
}
