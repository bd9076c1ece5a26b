using Integrations.Inbound.Mapping;

namespace Integrations.Inbound.Connectors;

/// <summary>A connector as the API and the pages show it: never its credentials, only whether they are set.</summary>
public sealed record ConnectorView(
    string Id,
    string Name,
    string Url,
    string Method,
    string? Body,
    ConnectorAuthView Auth,
    string ItemsPath,
    PaginationRequest Pagination,
    IncrementalView? Incremental,
    string Schedule,
    bool Enabled,
    int MaxPages,
    RecordMapping Mapping,
    DateTimeOffset? NextRunAt,
    DateTimeOffset? NextAllowedAt,
    int ConsecutiveFailures,
    ConnectorRunView? LastRun,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public string Host => Uri.TryCreate(Url, UriKind.Absolute, out var uri) ? uri.Host : Url;
}

public sealed record ConnectorAuthView(string Type, string? Header, bool SecretSet);

/// <summary>The incremental cursor's settings and the value the next run sends.</summary>
public sealed record IncrementalView(string Param, string From, string? ItemPath, string? Value);

public sealed record ConnectorRunView(
    string Id,
    string ConnectorId,
    string Trigger,
    string Status,
    DateTimeOffset CreatedAt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    int PagesFetched,
    int ItemsFetched,
    int Created,
    int Updated,
    int Unchanged,
    int Failed,
    string? Error,
    IReadOnlyList<ItemError> ItemErrors,
    string? CursorSent,
    string? CursorSaved);

/// <summary>A run queued by "Run now", or why not.</summary>
public sealed record RunRequestResult(ConnectorRunView? Run, string? Refusal);
