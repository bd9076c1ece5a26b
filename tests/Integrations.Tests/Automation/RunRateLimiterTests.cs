using Integrations.Automation.Runs;

namespace Integrations.Tests.Automation;

public sealed class RunRateLimiterTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 4, 10, 15, 30, TimeSpan.Zero);
    private static readonly DateTimeOffset NextMinute = new(2026, 12, 4, 10, 16, 0, TimeSpan.Zero);

    [Fact]
    public void StartAt_QueuesRunsPastTheLimitForTheNextMinutesWithRoom_InOrder()
    {
        var limiter = new RunRateLimiter(NoSharedStore.Store);
        var workflow = Guid.NewGuid();

        var starts = Enumerable.Range(0, 5).Select(_ => limiter.StartAt(workflow, 2, Now)).ToArray();

        Assert.Equal([null, null, NextMinute, NextMinute, NextMinute.AddMinutes(1)], starts);
    }

    [Fact]
    public void StartAt_CountsEachWorkflowOnItsOwn_AndAfreshInALaterMinute()
    {
        var limiter = new RunRateLimiter(NoSharedStore.Store);
        var (busy, other) = (Guid.NewGuid(), Guid.NewGuid());
        limiter.StartAt(busy, 1, Now);

        Assert.Equal(NextMinute, limiter.StartAt(busy, 1, Now));
        Assert.Null(limiter.StartAt(other, 1, Now));
        Assert.Equal(NextMinute.AddMinutes(1), limiter.StartAt(busy, 1, NextMinute.AddSeconds(5)));
        Assert.Null(limiter.StartAt(busy, 1, NextMinute.AddMinutes(2)));
    }
}
