using Integrations.Inbound.Connectors.Running;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class BackOffTests
{
    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(6, 32)]
    [InlineData(7, 60)]
    [InlineData(40, 60)]
    public void Delay_DoublesUpToAnHour_ByConsecutiveFailures(int failures, int minutes) =>
        Assert.Equal(TimeSpan.FromMinutes(minutes), BackOff.Delay(failures, retryAfter: null));

    [Fact]
    public void Delay_HonoursRetryAfter_WhenLongerThanTheBackOff() =>
        Assert.Equal(TimeSpan.FromMinutes(10), BackOff.Delay(1, TimeSpan.FromMinutes(10)));

    [Fact]
    public void Delay_KeepsTheBackOff_WhenRetryAfterIsShorter() =>
        Assert.Equal(TimeSpan.FromMinutes(4), BackOff.Delay(3, TimeSpan.FromSeconds(5)));

    [Fact]
    public void Delay_CapsRetryAfterAtADay() =>
        Assert.Equal(TimeSpan.FromDays(1), BackOff.Delay(1, TimeSpan.FromDays(30)));
}
