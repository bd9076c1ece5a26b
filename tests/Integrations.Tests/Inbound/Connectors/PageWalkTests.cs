using Integrations.Inbound.Connectors;
using Integrations.Inbound.Connectors.Running;
using Newtonsoft.Json.Linq;

namespace Integrations.Tests.Inbound.Connectors;

public sealed class PageWalkTests
{
    private static Connector Connector(string mode, Action<Connector>? change = null)
    {
        var connector = new Connector
        {
            Name = "test",
            Url = "https://api.example.com/items?status=open",
            Schedule = "* * * * *",
            MappingJson = "{}",
            PaginationMode = mode,
            CursorParam = "updated_since",
        };
        change?.Invoke(connector);
        return connector;
    }

    // The URL as sent is the one walked, not the shown one (whose credentials are REDACTED).
    private static PageWalk Walk(Connector connector, string? cursor) =>
        new(connector, connector.Url.Replace("?", "?api_key=k1&", StringComparison.Ordinal), cursor);

    [Fact]
    public void PageNumber_CountsUpWithSize_UntilAShortPage()
    {
        var walk = Walk(Connector(Paging.PageNumber, c => (c.PageParam, c.PageSizeParam, c.PageSize) = ("page", "per_page", 2)),
            "2026-01-01T00:00:00Z");

        var first = walk.First();
        var second = walk.Next(first, new JObject(), itemCount: 2);

        Assert.Equal("https://api.example.com/items?api_key=k1&status=open&updated_since=2026-01-01T00%3A00%3A00Z&page=1&per_page=2", first.AbsoluteUri);
        Assert.Equal("https://api.example.com/items?api_key=k1&status=open&updated_since=2026-01-01T00%3A00%3A00Z&page=2&per_page=2", second!.AbsoluteUri);
        Assert.Null(walk.Next(second, new JObject(), itemCount: 1));
    }

    [Fact]
    public void Cursor_SendsTheBodysCursor_UntilThereIsNone()
    {
        var walk = Walk(Connector(Paging.Cursor, c => (c.PageParam, c.PagePath) = ("after", "$.meta.next")), null);

        var first = walk.First();
        var second = walk.Next(first, JObject.Parse("""{"meta":{"next":"abc 1"}}"""), 10);

        Assert.Equal("https://api.example.com/items?api_key=k1&status=open", first.AbsoluteUri);
        Assert.Equal("https://api.example.com/items?api_key=k1&status=open&after=abc%201", second!.AbsoluteUri);
        Assert.Null(walk.Next(second, JObject.Parse("""{"meta":{"next":null}}"""), 10));
    }

    [Fact]
    public void NextUrl_ResolvesRelativeLinks_AgainstThePageItCameFrom()
    {
        var walk = Walk(Connector(Paging.NextUrl, c => c.PagePath = "$.links.next"), null);

        var next = walk.Next(walk.First(), JObject.Parse("""{"links":{"next":"/items?page=2"}}"""), 10);

        Assert.Equal("https://api.example.com/items?page=2", next!.ToString());
    }

    [Fact]
    public void ItemCursor_ComparesNumbersAsNumbers_AndTimestampsAsText()
    {
        var numbers = new ItemCursor();
        foreach (var value in new[] { "9", "10", "2" })
        {
            numbers.See(value);
        }

        var times = new ItemCursor();
        foreach (var value in new[] { "2026-01-02T00:00:00Z", "2026-01-10T00:00:00Z", null })
        {
            times.See(value);
        }

        Assert.Equal("10", numbers.Max);
        Assert.Equal("2026-01-10T00:00:00Z", times.Max);
    }
}
