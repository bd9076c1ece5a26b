namespace Integrations.Inbound.Connectors;

/// <summary>How a connector finds the next page.</summary>
internal static class Paging
{
    /// <summary>One request per run.</summary>
    public const string None = "none";

    /// <summary>The body carries the next page's full URL at the page path (<c>$.links.next</c>); none ends the run.</summary>
    public const string NextUrl = "next_url";

    /// <summary>A page-number query parameter from 1, with an optional page-size parameter; an empty or short page ends the run.</summary>
    public const string PageNumber = "page_number";

    /// <summary>The body carries a cursor at the page path, sent back in a query parameter; none ends the run.</summary>
    public const string Cursor = "cursor";

    public static readonly IReadOnlyList<string> Modes = [None, NextUrl, PageNumber, Cursor];
}

/// <summary>Where the incremental cursor's next value comes from.</summary>
internal static class IncrementalCursor
{
    /// <summary>The start time of the run that succeeded (ISO 8601, UTC).</summary>
    public const string RunStart = "run_start";

    /// <summary>The greatest value of an item field among the items fetched (e.g. <c>$.updated_at</c>).</summary>
    public const string ItemPath = "item_path";

    public static readonly IReadOnlyList<string> Sources = [RunStart, ItemPath];
}
