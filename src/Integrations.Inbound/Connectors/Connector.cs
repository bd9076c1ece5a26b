using Integrations.Platform.Data;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// A pull connector: where to fetch (URL, method, credentials), how to walk the pages, which items to map and how,
/// and when (cron). <see cref="CursorValue"/> is the incremental cursor of the last successful run; it only moves
/// when a run completes, so a failed or interrupted run is fetched again from the same point.
/// </summary>
internal sealed class Connector : IWorkspaceScoped
{
    public Guid Id { get; init; }
    public Guid WorkspaceId { get; init; }
    public required string Name { get; set; }
    /// <summary>The URL as shown: the values of credentials in its query are <c>REDACTED</c> (see <see cref="RequestCiphertext"/>).</summary>
    public required string Url { get; set; }

    public string Method { get; set; } = "GET";

    /// <summary>JSON sent with a POST (application/json), as shown: credential fields are <c>REDACTED</c>; null sends no body.</summary>
    public string? Body { get; set; }

    /// <summary>The URL and body as sent, credentials in them included, protected with <c>InboundSecrets</c>; null
    /// when they hold none (then <see cref="Url"/> and <see cref="Body"/> are sent as they are).</summary>
    public string? RequestCiphertext { get; set; }

    public string AuthType { get; set; } = ConnectorAuth.None;

    /// <summary>The header an API key travels in (not secret); null for other auth types.</summary>
    public string? AuthHeader { get; set; }

    /// <summary>The credentials (token, key, or user and password), protected with <c>InboundSecrets</c>.</summary>
    public string? AuthCiphertext { get; set; }

    public string ItemsPath { get; set; } = "$";
    public string PaginationMode { get; set; } = Paging.None;

    /// <summary>Where the next page's URL (<c>next_url</c>) or cursor (<c>cursor</c>) is in a page's body.</summary>
    public string? PagePath { get; set; }

    /// <summary>The query parameter carrying the page number (<c>page_number</c>) or the cursor (<c>cursor</c>).</summary>
    public string? PageParam { get; set; }

    public string? PageSizeParam { get; set; }
    public int? PageSize { get; set; }
    public int MaxPages { get; set; } = 100;

    /// <summary>The query parameter of the incremental cursor (e.g. <c>updated_since</c>); null fetches everything every run.</summary>
    public string? CursorParam { get; set; }

    public string CursorSource { get; set; } = IncrementalCursor.RunStart;

    /// <summary>With <see cref="IncrementalCursor.ItemPath"/>: the item field whose greatest value becomes the next cursor.</summary>
    public string? CursorItemPath { get; set; }

    public string? CursorValue { get; set; }
    public required string Schedule { get; set; }
    public required string MappingJson { get; set; }
    public bool Enabled { get; set; }

    /// <summary>Scheduled runs are skipped until then, after the remote failed or answered 429.</summary>
    public DateTimeOffset? NextAllowedAt { get; set; }

    public int ConsecutiveFailures { get; set; }
    public DateTimeOffset CreatedAt { get; init; }
    public DateTimeOffset UpdatedAt { get; set; }
}
