using Integrations.Automation.Runs;

namespace Integrations.Tests.Automation;

public sealed class RetryBackoffTests
{
    [Theory]
    [InlineData(1, 30)]
    [InlineData(2, 120)]
    [InlineData(3, 600)]
    [InlineData(4, 3600)]
    [InlineData(9, 3600)]
    public void After_GrowsPerAttempt_WhenTheProviderAskedNothing(int attempt, int seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), RetryBackoff.After(attempt, null));

    [Fact]
    public void After_IsTheProvidersRetryAfter_WhenItIsLonger() =>
        Assert.Equal(TimeSpan.FromMinutes(5), RetryBackoff.After(1, TimeSpan.FromMinutes(5)));
}
