using Integrations.ApiKeys.RateLimiting;

namespace Integrations.Tests.ApiKeys;

public sealed class ApiRateLimiterTests
{
    private readonly FixedClock clock = new(new DateTimeOffset(2026, 11, 22, 12, 0, 40, TimeSpan.Zero));

    [Fact]
    public void Acquire_CountsDownThenRefuses_WhenLimitIsReached()
    {
        using var limiter = new ApiRateLimiter(clock);
        var key = Guid.NewGuid();

        var decisions = Enumerable.Range(0, 3).Select(_ => limiter.Acquire(key, 2)).ToList();

        Assert.Equal([true, true, false], decisions.Select(d => d.Allowed));
        Assert.Equal([1, 0, 0], decisions.Select(d => d.Remaining));
        Assert.All(decisions, d => Assert.Equal(20, d.ResetSeconds));
        Assert.All(decisions, d => Assert.Equal(2, d.Limit));
    }

    [Fact]
    public void Acquire_AllowsAgain_WhenTheNextMinuteStarts()
    {
        using var limiter = new ApiRateLimiter(clock);
        var key = Guid.NewGuid();
        limiter.Acquire(key, 1);

        clock.Now = clock.Now.AddSeconds(20);
        var decision = limiter.Acquire(key, 1);

        Assert.True(decision.Allowed);
        Assert.Equal(60, decision.ResetSeconds);
    }

    [Fact]
    public void Acquire_KeepsKeysApart_WhenOneIsExhausted()
    {
        using var limiter = new ApiRateLimiter(clock);
        limiter.Acquire(Guid.NewGuid(), 1);

        Assert.True(limiter.Acquire(Guid.NewGuid(), 1).Allowed);
    }

    [Fact]
    public void Acquire_AppliesNewLimit_WhenPlanChangesMidMinute()
    {
        using var limiter = new ApiRateLimiter(clock);
        var key = Guid.NewGuid();
        limiter.Acquire(key, 1);

        Assert.True(limiter.Acquire(key, 10).Allowed);
    }

    private sealed class FixedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
