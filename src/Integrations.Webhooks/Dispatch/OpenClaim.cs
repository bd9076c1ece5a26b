namespace Integrations.Webhooks.Dispatch;

/// <summary>What a claim for open endpoints took, and the throttled endpoints that have something due.</summary>
internal sealed record OpenClaim(List<ClaimedDelivery> Claimed, List<ThrottledEndpoint> Throttled);

/// <summary>A throttled endpoint with deliveries due; when its second's budget is spent, how long until the next second.</summary>
internal sealed record ThrottledEndpoint(Guid Id, bool BudgetSpent, TimeSpan UntilNextSecond);
