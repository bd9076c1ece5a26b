using System.Text.Json;
using Hangfire;
using Integrations.Inbound.Connectors.Running;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Inbound.Connectors;

/// <summary>
/// The connectors of the caller's workspace: create, list, change, enable, delete, run now, run history. The admin
/// pages and the API both go through here, so both validate, audit, schedule and protect credentials the same way.
/// </summary>
public sealed class ConnectorDirectory
{
    /// <summary>The most pages one run may fetch.</summary>
    public const int MaxPagesLimit = ConnectorRules.MaxPagesLimit;

    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly ConnectorRules rules;
    private readonly ConnectorSchedules schedules;
    private readonly RunClaims claims;
    private readonly ConnectorSecrets secrets;
    private readonly IBackgroundJobClient jobs;
    private readonly TimeProvider clock;

    /// <summary>Schedules the admin page offers in one click.</summary>
    public static IReadOnlyList<(string Label, string Cron)> SchedulePresets => CronSchedule.Presets;

    internal ConnectorDirectory(IntegrationsDbContext db, Caller caller, AuditTrail audit, ConnectorRules rules, ConnectorSchedules schedules,
        RunClaims claims, ConnectorSecrets secrets, IBackgroundJobClient jobs, TimeProvider clock)
    {
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.rules = rules;
        this.schedules = schedules;
        this.claims = claims;
        this.secrets = secrets;
        this.jobs = jobs;
        this.clock = clock;
    }

    /// <summary>Errors by field; empty when valid. <paramref name="id"/> is the connector being changed, if any.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(ConnectorRequest request, string? id, CancellationToken ct)
    {
        var stored = id is null ? null : await FindEntityAsync(id, ct);
        // Stored credentials (auth, or REDACTED values in the URL or body) may be left out only while the request they go
        // with stays as it was: whoever sends them elsewhere or differently (another host, path or query, another method,
        // body or header) must be able to give them anew.
        var changed = stored is null ? null : RequestChange(stored, request) ?? Unreadable(stored);
        var keepable = stored?.AuthCiphertext is not null && changed is null;
        var errors = await rules.ValidateAsync(request, keepable ? stored!.AuthType : null, ct, stored?.AuthCiphertext is null ? null : changed);
        if (stored is null || changed is not null)
        {
            RefusePlaceholders(request, changed, errors);
        }

        return errors;
    }

    public async Task<ConnectorView> CreateAsync(ConnectorRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var connector = new Connector
        {
            Id = PublicId.NewId(clock),
            WorkspaceId = caller.WorkspaceId,
            Name = request.Name!.Trim(),
            Url = "",
            Schedule = request.Schedule!.Trim(),
            MappingJson = request.Mapping!.ToJson(),
            Enabled = request.Enabled ?? true,
            CreatedAt = now,
        };
        secrets.SetRequest(connector, request.Url!.Trim(), BodyOf(request));
        Apply(connector, request);
        db.Add(connector);
        Audit("connector.created", connector, Described(connector));
        await db.SaveChangesAsync(ct);
        schedules.Apply(connector);
        return ConnectorViews.Of(connector, null, now);
    }

    /// <summary>Newest first; <paramref name="before"/> is the id the previous page ended with.</summary>
    public async Task<IReadOnlyList<ConnectorView>> ListAsync(Guid? before, int take, CancellationToken ct)
    {
        var query = db.Set<Connector>().AsNoTracking();
        if (before is { } beforeId)
        {
            query = query.Where(c => c.Id < beforeId);
        }

        var connectors = await query.OrderByDescending(c => c.Id).Take(take).ToListAsync(ct);
        var ids = connectors.Select(c => c.Id).ToList();
        var lastRuns = await db.Set<ConnectorRun>().AsNoTracking().Where(r => ids.Contains(r.ConnectorId))
            .GroupBy(r => r.ConnectorId).Select(g => g.OrderByDescending(r => r.Id).First()).ToListAsync(ct);
        var now = clock.GetUtcNow();
        return connectors.Select(c => ConnectorViews.Of(c, lastRuns.FirstOrDefault(r => r.ConnectorId == c.Id), now)).ToList();
    }

    public async Task<ConnectorView?> FindAsync(string id, CancellationToken ct) =>
        await FindEntityAsync(id, ct) is { } connector ? await ViewAsync(connector, ct) : null;

    /// <summary>Replaces the settings with ones <see cref="ValidateAsync"/> accepted; credentials left out are kept.</summary>
    public async Task<ConnectorView?> UpdateAsync(string id, ConnectorRequest request, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } connector)
        {
            return null;
        }

        // REDACTED values come back from the stored request, which ValidateAsync allowed only for the same request (and
        // readable credentials: unreadable ones were asked for again).
        var sameRequest = (RequestChange(connector, request) ?? Unreadable(connector)) is null;
        var (url, body) = (request.Url!.Trim(), BodyOf(request));
        if (sameRequest)
        {
            var sent = secrets.Request(connector);
            (url, body) = (ConnectorUrls.Restore(url, sent.Url), ConnectorBodies.Restore(body, sent.Body));
        }

        secrets.SetRequest(connector, url, body);
        connector.Name = request.Name!.Trim();
        connector.Schedule = request.Schedule!.Trim();
        connector.MappingJson = request.Mapping!.ToJson();
        connector.Enabled = request.Enabled ?? connector.Enabled;
        Apply(connector, request, sameRequest);
        return await SaveAsync(connector, "connector.updated", Described(connector), ct);
    }

    public async Task<ConnectorView?> SetEnabledAsync(string id, bool enabled, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } connector)
        {
            return null;
        }

        connector.Enabled = enabled;
        return await SaveAsync(connector, enabled ? "connector.enabled" : "connector.disabled", new { enabled }, ct);
    }

    /// <summary>Deletes the connector, its schedule and its run history; null when there is no such connector.</summary>
    public async Task<ConnectorView?> DeleteAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } connector)
        {
            return null;
        }

        var view = await ViewAsync(connector, ct);
        db.Remove(connector);
        Audit("connector.deleted", connector, new { connector.Name, Url = ConnectorUrls.Redact(connector.Url) });
        await db.SaveChangesAsync(ct);
        schedules.Remove(connector.Id);
        return view;
    }

    /// <summary>Queues a run now (back-off or not: an admin asked); refused while one is queued or running. Null when there is no such connector.</summary>
    public async Task<RunRequestResult?> RequestRunAsync(string id, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } connector)
        {
            return null;
        }

        if (await claims.TryAddAsync(connector, RunTrigger.Manual, RunStatus.Queued, ct) is not { } run)
        {
            return new RunRequestResult(null, "A run of this connector is queued or running already.");
        }

        var (connectorId, runId) = (connector.Id, run.Id);
        jobs.Enqueue<ConnectorRunner>(runner => runner.RunAsync(connectorId, runId, CancellationToken.None));
        await audit.AppendAsync("connector.run_requested", "connector", PublicId.Format(IdPrefixes.Connector, connector.Id),
            new { run_id = PublicId.Format(IdPrefixes.ConnectorRun, run.Id) }, ct);
        return new RunRequestResult(ConnectorViews.Of(run), null);
    }

    /// <summary>Runs newest first, or null when there is no such connector.</summary>
    public async Task<IReadOnlyList<ConnectorRunView>?> RunsAsync(string id, Guid? before, int take, CancellationToken ct)
    {
        if (await FindEntityAsync(id, ct) is not { } connector)
        {
            return null;
        }

        var query = db.Set<ConnectorRun>().AsNoTracking().Where(r => r.ConnectorId == connector.Id);
        if (before is { } beforeId)
        {
            query = query.Where(r => r.Id < beforeId);
        }

        var runs = await query.OrderByDescending(r => r.Id).Take(take).ToListAsync(ct);
        return runs.Select(ConnectorViews.Of).ToList();
    }

    /// <summary>How <paramref name="request"/> would send the connector's request otherwise than <paramref name="stored"/>
    /// does, in words for the admin; null when it goes to the same URL, with the same method, body and key header.
    /// Compared as shown, so a credential given anew in the URL or body is no change.</summary>
    private static string? RequestChange(Connector stored, ConnectorRequest request)
    {
        var url = ConnectorUrls.Redact(request.Url?.Trim() ?? "");
        var auth = request.Auth ?? new ConnectorAuthRequest(ConnectorAuth.None);
        return !ConnectorUrls.SameOrigin(stored.Url, url) ? "The URL now points at another host"
            : stored.Url != url ? "The URL's path or query changed"
            : stored.Method != (request.Method ?? "GET") ? "The method changed"
            : stored.Body != ConnectorBodies.Redact(BodyOf(request)) ? "The request body changed"
            : auth.Type == ConnectorAuth.ApiKey && stored.AuthHeader != auth.Header?.Trim() ? "The API key's header changed"
            : null;
    }

    private string? Unreadable(Connector stored) =>
        secrets.Readable(stored) ? null : "The stored credentials can no longer be read";

    // REDACTED stands for a stored credential: there is none to put back on a new connector or a changed request.
    private static void RefusePlaceholders(ConnectorRequest request, string? changed, Dictionary<string, string[]> errors)
    {
        string Why(string what) => changed is null
            ? $"REDACTED stands for a stored credential, and there is none here: give the value of {what}."
            : $"{changed}: give the value of {what} again (stored credentials only go with the request they were given for).";

        if (ConnectorUrls.Placeholders(request.Url?.Trim() ?? "") is [_, ..] names)
        {
            errors.TryAdd("url", [Why(string.Join(", ", names))]);
        }

        if (ConnectorBodies.Placeholders(BodyOf(request)) is [_, ..] paths)
        {
            errors.TryAdd("body", [Why(string.Join(", ", paths))]);
        }
    }

    private static string? BodyOf(ConnectorRequest request) => string.IsNullOrWhiteSpace(request.Body) ? null : request.Body;

    private void Apply(Connector connector, ConnectorRequest request, bool sameRequest = false)
    {
        connector.Method = request.Method ?? "GET";
        connector.ItemsPath = request.ItemsPath ?? "$";
        connector.MaxPages = request.MaxPages ?? connector.MaxPages;
        ApplyAuth(connector, request.Auth ?? new ConnectorAuthRequest(ConnectorAuth.None), sameRequest);
        var pagination = request.Pagination ?? new PaginationRequest(Paging.None);
        connector.PaginationMode = pagination.Mode ?? Paging.None;
        (connector.PagePath, connector.PageParam, connector.PageSizeParam, connector.PageSize) = connector.PaginationMode switch
        {
            Paging.NextUrl => (pagination.NextUrlPath, null, null, null),
            Paging.PageNumber => (null, pagination.PageParam, NullIfEmpty(pagination.PageSizeParam), pagination.PageSize),
            Paging.Cursor => (pagination.CursorPath, pagination.CursorParam, null, (int?)null),
            _ => ((string?)null, (string?)null, (string?)null, (int?)null),
        };
        var incremental = request.Incremental;
        if (incremental?.Param != connector.CursorParam)
        {
            // Another parameter means another filter: its saved value would not mean the same.
            connector.CursorValue = null;
        }

        connector.CursorParam = incremental?.Param;
        connector.CursorSource = incremental?.From ?? IncrementalCursor.RunStart;
        connector.CursorItemPath = connector.CursorSource == IncrementalCursor.ItemPath ? incremental?.ItemPath : null;
        connector.UpdatedAt = clock.GetUtcNow();
    }

    private void ApplyAuth(Connector connector, ConnectorAuthRequest auth, bool sameRequest)
    {
        var type = auth.Type ?? ConnectorAuth.None;
        var given = new ConnectorAuth(NullIfEmpty(auth.Token), NullIfEmpty(auth.Key), NullIfEmpty(auth.Username), NullIfEmpty(auth.Password));
        var keep = sameRequest && type == connector.AuthType && connector.AuthCiphertext is not null;
        if (keep && secrets.Auth(connector) is { } stored)
        {
            given = new ConnectorAuth(given.Token ?? stored.Token, given.Key ?? stored.Key, given.Username ?? stored.Username,
                given.Password ?? stored.Password);
        }

        connector.AuthType = type;
        connector.AuthHeader = type == ConnectorAuth.ApiKey ? auth.Header?.Trim() : null;
        secrets.SetAuth(connector, type == ConnectorAuth.None ? null : given);
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private async Task<ConnectorView> SaveAsync(Connector connector, string action, object changes, CancellationToken ct)
    {
        connector.UpdatedAt = clock.GetUtcNow();
        Audit(action, connector, changes);
        await db.SaveChangesAsync(ct);
        schedules.Apply(connector);
        return await ViewAsync(connector, ct);
    }

    private async Task<ConnectorView> ViewAsync(Connector connector, CancellationToken ct)
    {
        var lastRun = await db.Set<ConnectorRun>().AsNoTracking().Where(r => r.ConnectorId == connector.Id)
            .OrderByDescending(r => r.Id).FirstOrDefaultAsync(ct);
        return ConnectorViews.Of(connector, lastRun, clock.GetUtcNow());
    }

    // The workspace filter makes another workspace's connector look like no connector at all: a 404, never a 403.
    private async Task<Connector?> FindEntityAsync(string id, CancellationToken ct) =>
        PublicId.TryParse(IdPrefixes.Connector, id, out var connectorId)
            ? await db.Set<Connector>().FirstOrDefaultAsync(c => c.Id == connectorId, ct)
            : null;

    // Never the credentials: the audit trail is readable with audit:read.
    private static object Described(Connector c) => new
    {
        c.Name, Url = ConnectorUrls.Redact(c.Url), c.Method, auth_type = c.AuthType, c.ItemsPath, pagination = c.PaginationMode, c.Schedule, c.Enabled,
        incremental = c.CursorParam, mapping = JsonDocument.Parse(c.MappingJson).RootElement,
    };

    private void Audit(string action, Connector connector, object changes) =>
        audit.Add(action, "connector", PublicId.Format(IdPrefixes.Connector, connector.Id), changes);
}
