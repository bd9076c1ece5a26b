using Integrations.Inbound.Mapping;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// What <c>POST /api/v1/connectors</c> and <c>PUT /api/v1/connectors/{id}</c> take, and what the admin form fills.
/// On an update, leaving the credentials out (or <c>REDACTED</c> in the URL's query or the body, as shown) keeps the stored
/// ones, as long as the auth type stays and the request goes to the same URL with the same method, body and key header.
/// </summary>
public sealed record ConnectorRequest
{
    public string? Name { get; init; }
    public string? Url { get; init; }

    /// <summary>GET (default) or POST.</summary>
    public string? Method { get; init; }

    /// <summary>JSON sent with a POST.</summary>
    public string? Body { get; init; }

    public ConnectorAuthRequest? Auth { get; init; }

    /// <summary>Where the items are in a page: <c>$.data</c>, <c>$.items</c>, or <c>$</c> for a top-level array.</summary>
    public string? ItemsPath { get; init; }

    public PaginationRequest? Pagination { get; init; }
    public IncrementalRequest? Incremental { get; init; }

    /// <summary>Cron (UTC), at most once a minute, e.g. <c>*/15 * * * *</c>.</summary>
    public string? Schedule { get; init; }

    public bool? Enabled { get; init; }

    /// <summary>The most pages one run fetches (1–1,000, default 100).</summary>
    public int? MaxPages { get; init; }

    public RecordMapping? Mapping { get; init; }
}

/// <summary><c>type</c>: none, bearer (<c>token</c>), api_key (<c>header</c> and <c>key</c>) or basic (<c>username</c>, <c>password</c>).</summary>
public sealed record ConnectorAuthRequest(
    string? Type, string? Token = null, string? Header = null, string? Key = null, string? Username = null, string? Password = null);

/// <summary><c>mode</c>: none, next_url (<c>next_url_path</c>), page_number (<c>page_param</c>, optional
/// <c>page_size_param</c> and <c>page_size</c>) or cursor (<c>cursor_param</c>, <c>cursor_path</c>).</summary>
public sealed record PaginationRequest(
    string? Mode, string? NextUrlPath = null, string? PageParam = null, string? PageSizeParam = null, int? PageSize = null,
    string? CursorParam = null, string? CursorPath = null);

/// <summary>The incremental cursor: sent as <c>param</c>, taken from the run's start (<c>run_start</c>) or the
/// greatest <c>item_path</c> value of the items fetched (<c>item_path</c>).</summary>
public sealed record IncrementalRequest(string? Param, string? From = null, string? ItemPath = null);
