using Integrations.Platform.Security;

namespace Integrations.Tests.Platform;

public sealed class MinuteCountsTests
{
    [Fact]
    public void At_StartsCountingAgain_AndHandsOverTheEndedMinuteOnce_WhenTheMinuteTurns()
    {
        var counts = new MinuteCounts<string>(capacity: 10);
        var first = counts.At(100, out var endedBefore);
        first.Add("a");
        first.Add("a");

        var second = counts.At(101, out var ended);
        var again = counts.At(101, out var endedAgain);

        Assert.Null(endedBefore);
        Assert.Same(first, ended);
        Assert.Equal(2, ended!.Count("a"));
        Assert.Null(endedAgain);
        Assert.Same(second, again);
        Assert.Equal(0, second.Count("a"));
    }

    [Fact]
    public void Add_LeavesNewKeysUncounted_WhenTheMinuteHoldsItsCapacity()
    {
        var minute = new MinuteCounts<string>(capacity: 2).At(1, out _);
        minute.Add("a");
        minute.Add("b");

        Assert.Equal(0, minute.Add("c"));
        Assert.Equal(0, minute.Count("c"));
        Assert.Equal(2, minute.Add("a"));
    }

    [Fact]
    public void Add_CountsANewKeyUnderItsCoarserKey_WhenTheMinuteHoldsItsCapacity()
    {
        var minute = new MinuteCounts<string>(capacity: 2).At(1, out _);
        minute.Add("10.0.0.1", "10.0.0.0/24");
        minute.Add("10.0.0.2", "10.0.0.0/24");

        var added = minute.Add("10.0.0.3", "10.0.0.0/24");
        var again = minute.Add("10.0.0.4", "10.0.0.0/24");
        var known = minute.Add("10.0.0.1", "10.0.0.0/24");

        Assert.True(minute.IsFull);
        Assert.Equal(("10.0.0.0/24", 1), added);
        Assert.Equal(("10.0.0.0/24", 2), again);
        Assert.Equal(("10.0.0.1", 2), known);
        Assert.Equal(0, minute.Count("10.0.0.3"));
    }

    [Fact]
    public void Add_LeavesCoarserKeysUncounted_OnlyWhenTheyFillAsMuchRoomAgain()
    {
        var minute = new MinuteCounts<string>(capacity: 1).At(1, out _);
        minute.Add("a", "x");

        Assert.Equal(("x", 1), minute.Add("b", "x"));
        Assert.Equal(("y", 0), minute.Add("c", "y"));
        Assert.Equal(("x", 2), minute.Add("d", "x"));
    }
}
