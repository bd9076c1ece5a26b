using Integrations.Webhooks.Dispatch;
using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.Tests.Webhooks;

public sealed class AttemptOutcomeTests
{
    private static readonly DateTimeOffset Now = new(2026, 5, 15, 10, 0, 0, TimeSpan.Zero);

    [Theory]
    [InlineData(200, DeliveryStatus.Delivered)]
    [InlineData(204, DeliveryStatus.Delivered)]
    [InlineData(410, DeliveryStatus.Failed)]
    [InlineData(302, DeliveryStatus.Pending)]
    [InlineData(500, DeliveryStatus.Pending)]
    public void Of_MapsStatusCode(int code, DeliveryStatus expected) =>
        Assert.Equal(expected, AttemptOutcome.Of(Result(code, null), Now, 0.5).Status);

    [Theory]
    [InlineData(429)]
    [InlineData(503)]
    public void Of_WaitsRetryAfter_WhenLongerThanSchedule(int code) =>
        Assert.Equal(Now.AddMinutes(10), AttemptOutcome.Of(Result(code, TimeSpan.FromMinutes(10)), Now, 0.5).NextAttemptAt);

    [Fact]
    public void Of_KeepsSchedule_WhenRetryAfterIsShorter() =>
        Assert.Equal(Now.AddSeconds(5), AttemptOutcome.Of(Result(429, TimeSpan.FromSeconds(1)), Now, 0.5).NextAttemptAt);

    [Fact]
    public void Of_IgnoresRetryAfter_WhenStatusIsNot429Or503() =>
        Assert.Equal(Now.AddSeconds(5), AttemptOutcome.Of(Result(500, TimeSpan.FromMinutes(10)), Now, 0.5).NextAttemptAt);

    [Fact]
    public void Of_RetriesConnectionErrors() =>
        Assert.Equal(DeliveryStatus.Pending, AttemptOutcome.Of(Result(null, null), Now, 0.5).Status);

    private static AttemptResult Result(int? code, TimeSpan? retryAfter)
    {
        var subscription = new WebhookSubscription { Name = "x", Url = "https://x.example", Events = [], SecretCiphertext = "", RetryPolicy = RetryPolicy.Standard };
        var delivery = new ClaimedDelivery(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "{}", 0, subscription, ["whsec_x"]);
        return new AttemptResult(delivery, Now, 10, code, null, code is null ? "Connection refused" : null, "{}", retryAfter);
    }
}
