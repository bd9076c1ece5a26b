using Integrations.Platform.Ids;

namespace Integrations.Tests.Platform;

public sealed class PublicIdTests
{
    [Fact]
    public void Format_RoundTrips_WithItsOwnPrefixOnly()
    {
        var id = Guid.CreateVersion7();
        var text = PublicId.Format("deal", id);

        Assert.Matches("^deal_[0-9a-f]{32}$", text);
        Assert.True(PublicId.TryParse("deal", text, out var parsed));
        Assert.Equal(id, parsed);
        Assert.False(PublicId.TryParse("con", text, out _));
        Assert.False(PublicId.TryParse("deal", text + "0", out _));
    }

    [Fact]
    public void NewIds_SortByCreationTime()
    {
        var clock = new StoppedClock(DateTimeOffset.Parse("2026-05-15T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var first = PublicId.NewId(clock);
        clock.Now = clock.Now.AddMilliseconds(1);
        var second = PublicId.NewId(clock);

        Assert.True(string.CompareOrdinal(PublicId.Format("con", first), PublicId.Format("con", second)) < 0);
    }

    [Fact]
    public void NewIds_StayInCreationOrder_WithinOneMillisecondAndWhenTheClockGoesBack()
    {
        var clock = new StoppedClock(DateTimeOffset.Parse("2026-05-15T10:05:00Z", System.Globalization.CultureInfo.InvariantCulture));
        var batch = PublicId.NewIds(clock, 10_000);
        clock.Now = clock.Now.AddSeconds(-5);
        var later = PublicId.NewId(clock);

        var texts = batch.Append(later).Select(id => id.ToString("N")).ToArray();
        Assert.Equal(texts.Order(StringComparer.Ordinal), texts);
        Assert.Equal(texts.Length, texts.Distinct().Count());
        Assert.All(batch.Append(later), id =>
        {
            Assert.Equal(7, id.Version);
            Assert.Contains(id.ToString("N")[16], "89ab"); // RFC 9562 variant bits 10
        });
    }

    private sealed class StoppedClock(DateTimeOffset now) : TimeProvider
    {
        public DateTimeOffset Now { get; set; } = now;

        public override DateTimeOffset GetUtcNow() => Now;
    }
}
