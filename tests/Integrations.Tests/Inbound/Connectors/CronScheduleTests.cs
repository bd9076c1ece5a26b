using Integrations.Inbound.Connectors;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class CronScheduleTests
{
    [Theory]
    [InlineData("* * * * *")]
    [InlineData("*/15 * * * *")]
    [InlineData("0 2 * * 1-5")]
    [InlineData("30 */5 * * * *")]
    public void Check_Accepts_WhenAtMostOnceAMinute(string cron) => Assert.Null(CronSchedule.Check(cron));

    [Theory]
    [InlineData("*/5 * * * * *", "more than once a minute")]
    [InlineData("0,30 * * * * *", "more than once a minute")]
    [InlineData("", "Give a schedule")]
    [InlineData("* * *", "not a cron expression")]
    [InlineData("99 * * * *", "not a valid cron expression")]
    public void Check_Refuses_WhenFasterOrMalformed(string cron, string says) =>
        Assert.Contains(says, CronSchedule.Check(cron), StringComparison.Ordinal);

    [Fact]
    public void Next_IsTheFollowingQuarterHourInUtc() =>
        Assert.Equal(new DateTimeOffset(2026, 11, 22, 15, 15, 0, TimeSpan.Zero),
            CronSchedule.Next("*/15 * * * *", new DateTimeOffset(2026, 11, 22, 15, 3, 10, TimeSpan.Zero)));

    [Fact]
    public void Presets_AreAllValidSchedules() => Assert.All(CronSchedule.Presets, p => Assert.Null(CronSchedule.Check(p.Cron)));
}
