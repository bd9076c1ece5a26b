using Integrations.Imports.Running;

namespace Integrations.Tests.Imports;

public sealed class ImportProgressTests
{
    [Fact]
    public void With_MovesTheResumePoint_WhenTheChunkStartsThere()
    {
        var progress = new ImportProgress(2, []).With(2, 1002);

        Assert.Equal(1002, progress.NextRow);
        Assert.Empty(progress.Ahead);
    }

    [Fact]
    public void Describe_NamesTheRowsDone_InFileOrder()
    {
        Assert.Equal("no rows", new ImportProgress(2, []).Describe());
        Assert.Equal("row 2", new ImportProgress(2, []).With(2, 3).Describe());
        Assert.Equal("rows 1002–2001", new ImportProgress(2, []).With(1002, 2002).Describe());
        Assert.Equal("rows 2–1001, 2002–3001 and 4002–5001",
            new ImportProgress(2, []).With(2, 1002).With(2002, 3002).With(4002, 5002).Describe());
    }

    [Fact]
    public void With_KeepsTheChunkAhead_WhenAnEarlierOneIsNotStoredYet()
    {
        var progress = new ImportProgress(2, []).With(1002, 2002);

        Assert.Equal(2, progress.NextRow);
        Assert.Equal([1002, 2002], progress.Ahead);
        Assert.Equal((1002, 2002), progress.StoredAhead(1500));
        Assert.Null(progress.StoredAhead(1001));
        Assert.Null(progress.StoredAhead(2002));
    }

    [Fact]
    public void With_TakesInTheChunksAhead_WhenTheGapBeforeThemIsStored()
    {
        var progress = new ImportProgress(2, []).With(2002, 3002).With(1002, 2002).With(4002, 4500);

        Assert.Equal(2, progress.NextRow);
        Assert.Equal([1002, 3002, 4002, 4500], progress.Ahead);
        var filled = progress.With(2, 1002);
        Assert.Equal(3002, filled.NextRow);
        Assert.Equal([4002, 4500], filled.Ahead);
    }

    [Fact]
    public void With_JoinsAdjacentChunksAhead_SoALaterChunkCanCoverAnEmptyOne()
    {
        // A chunk of blank rows only, [1002, 1010), stored beside the next one.
        var progress = new ImportProgress(2, []).With(1010, 2010).With(1002, 1010);

        Assert.Equal([1002, 2010], progress.Ahead);
        Assert.Equal((1002, 2010), progress.StoredAhead(1005));
        Assert.Equal(2010, progress.With(2, 1002).NextRow);
    }

    [Theory]
    [InlineData(500, 1000)]
    [InlineData(1500, 2500)]
    [InlineData(2002, 3002)]
    [InlineData(2500, 3500)]
    public void With_Refuses_WhenTheChunkOverlapsStoredRows(int from, int to)
    {
        var progress = new ImportProgress(1002, [2002, 3002]);

        Assert.Throws<InvalidOperationException>(() => progress.With(from, to));
    }
}
