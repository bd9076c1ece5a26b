using Integrations.Webhooks.Dispatch;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.Tests.Webhooks;

public sealed class RetryScheduleTests
{
    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 30)]
    [InlineData(3, 300)]
    [InlineData(4, 1800)]
    [InlineData(5, 3600)]
    [InlineData(6, 7200)]
    [InlineData(9, 57600)]
    [InlineData(10, 86400)]
    [InlineData(40, 86400)]
    public void DelayAfter_FollowsStandardSteps_WhenJitterIsCentred(int failedAttempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.DelayAfter(RetryPolicy.Standard, failedAttempts, 0.5));

    [Theory]
    [InlineData(0.0, 24)]
    [InlineData(0.999999, 36)]
    public void DelayAfter_StaysWithinTwentyPercent_WhenJitterIsExtreme(double sample, int seconds) =>
        Assert.Equal(seconds, RetrySchedule.DelayAfter(RetryPolicy.Standard, 2, sample)!.Value.TotalSeconds, 0.01);

    [Theory]
    [InlineData(1, 5)]
    [InlineData(2, 10)]
    [InlineData(3, 20)]
    [InlineData(4, 40)]
    public void DelayAfter_DoublesFromFiveSeconds_WhenPolicyIsFiveExponential(int failedAttempts, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetrySchedule.DelayAfter(RetryPolicy.FiveExponential, failedAttempts, 0.5));

    [Fact]
    public void DelayAfter_GivesUp_AfterFiveFiveExponentialAttempts() =>
        Assert.Null(RetrySchedule.DelayAfter(RetryPolicy.FiveExponential, 5, 0.5));
}
