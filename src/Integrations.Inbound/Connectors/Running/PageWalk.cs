using System.Globalization;
using Integrations.Inbound.Mapping;
using Microsoft.AspNetCore.WebUtilities;
using Newtonsoft.Json.Linq;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>The URL of each page: the connector's URL (as sent, <paramref name="connectorUrl"/>) plus the incremental cursor and the paging parameters, or the
/// next-page URL the previous page gave.</summary>
internal sealed class PageWalk(Connector connector, string connectorUrl, string? incrementalValue)
{
    private int pageNumber = 1;

    public Uri First() => Build(connector.PaginationMode == Paging.PageNumber ? Page(1) : []);

    /// <summary>The next page's URL, or null when <paramref name="body"/> was the last page.</summary>
    public Uri? Next(Uri current, JToken body, int itemCount)
    {
        switch (connector.PaginationMode)
        {
            case Paging.NextUrl:
                var next = Text(body, connector.PagePath!);
                return next is not null && Uri.TryCreate(current, next, out var url) ? url : null;
            case Paging.PageNumber:
                if (itemCount == 0 || (connector.PageSize is { } size && itemCount < size))
                {
                    return null;
                }

                pageNumber++;
                return Build(Page(pageNumber));
            case Paging.Cursor:
                return Text(body, connector.PagePath!) is { } cursor ? Build([(connector.PageParam!, cursor)]) : null;
            default:
                return null;
        }
    }

    private List<(string, string)> Page(int number)
    {
        var parameters = new List<(string, string)> { (connector.PageParam!, number.ToString(CultureInfo.InvariantCulture)) };
        if (connector.PageSizeParam is { Length: > 0 } sizeParam && connector.PageSize is { } size)
        {
            parameters.Add((sizeParam, size.ToString(CultureInfo.InvariantCulture)));
        }

        return parameters;
    }

    private Uri Build(List<(string Name, string Value)> parameters)
    {
        var url = connectorUrl;
        if (connector.CursorParam is { } cursorParam && incrementalValue is not null)
        {
            url = QueryHelpers.AddQueryString(url, cursorParam, incrementalValue);
        }

        foreach (var (name, value) in parameters)
        {
            url = QueryHelpers.AddQueryString(url, name, value);
        }

        return new Uri(url);
    }

    private static string? Text(JToken body, string path) =>
        JsonDocumentReader.TrySelect(body, path, out var token, out _) ? JsonDocumentReader.ToText(token) : null;
}
