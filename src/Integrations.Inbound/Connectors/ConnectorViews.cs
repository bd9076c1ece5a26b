using System.Text.Json;
using Integrations.Inbound.Mapping;
using Integrations.Platform.Ids;

namespace Integrations.Inbound.Connectors;

/// <summary>Entities to what the API and pages show; credentials never leave.</summary>
internal static class ConnectorViews
{
    public static ConnectorView Of(Connector c, ConnectorRun? lastRun, DateTimeOffset now) => new(
        PublicId.Format(IdPrefixes.Connector, c.Id),
        c.Name,
        ConnectorUrls.Redact(c.Url),
        c.Method,
        ConnectorBodies.Redact(c.Body),
        new ConnectorAuthView(c.AuthType, c.AuthHeader, c.AuthCiphertext is not null),
        c.ItemsPath,
        Pagination(c),
        c.CursorParam is null ? null : new IncrementalView(c.CursorParam, c.CursorSource, c.CursorItemPath, c.CursorValue),
        c.Schedule,
        c.Enabled,
        c.MaxPages,
        RecordMapping.FromJson(c.MappingJson),
        c.Enabled ? NextRun(c, now) : null,
        c.NextAllowedAt > now ? c.NextAllowedAt : null,
        c.ConsecutiveFailures,
        lastRun is null ? null : Of(lastRun),
        c.CreatedAt,
        c.UpdatedAt);

    public static ConnectorRunView Of(ConnectorRun r) => new(
        PublicId.Format(IdPrefixes.ConnectorRun, r.Id),
        PublicId.Format(IdPrefixes.Connector, r.ConnectorId),
        r.Trigger,
        r.Status,
        r.CreatedAt,
        r.StartedAt,
        r.FinishedAt,
        r.PagesFetched,
        r.ItemsFetched,
        r.Created,
        r.Updated,
        r.Unchanged,
        r.Failed,
        r.Error,
        JsonSerializer.Deserialize<List<ItemError>>(r.ItemErrors) ?? [],
        r.CursorSent,
        r.CursorSaved);

    private static PaginationRequest Pagination(Connector c) => c.PaginationMode switch
    {
        Paging.NextUrl => new PaginationRequest(c.PaginationMode, NextUrlPath: c.PagePath),
        Paging.PageNumber => new PaginationRequest(c.PaginationMode, PageParam: c.PageParam, PageSizeParam: c.PageSizeParam, PageSize: c.PageSize),
        Paging.Cursor => new PaginationRequest(c.PaginationMode, CursorParam: c.PageParam, CursorPath: c.PagePath),
        _ => new PaginationRequest(Paging.None),
    };

    // The first scheduled time the back-off lets through.
    private static DateTimeOffset? NextRun(Connector c, DateTimeOffset now)
    {
        var from = c.NextAllowedAt > now ? c.NextAllowedAt.Value.AddTicks(-1) : now;
        return CronSchedule.Next(c.Schedule, from);
    }
}
