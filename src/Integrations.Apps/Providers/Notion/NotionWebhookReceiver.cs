using System.Text.Json;
using Integrations.Apps.Calls;
using Integrations.Apps.Connections;
using Integrations.Apps.Tokens;
using Integrations.Apps.Triggers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Security;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace Integrations.Apps.Providers.Notion;

/// <summary>
/// <c>POST /api/v1/apps/notion/webhook?workspace=ws_…</c> (the URL the app page gives, to register as the Notion
/// integration's webhook subscription). Notion's first request carries only <c>verification_token</c>: it is kept for
/// that workspace (<see cref="NotionVerificationTokens"/>) and shown to the admin. Every other request must be signed
/// (<c>X-Notion-Signature</c>) with the verification token of a workspace whose connection belongs to the event's Notion
/// <c>workspace_id</c>; a page event then has each such active connection read the page again
/// (<see cref="NotionPageEvents"/>). An authentic event for a Notion workspace nobody connected is acknowledged.
/// </summary>
internal sealed partial class NotionWebhookReceiver(
    IntegrationsDbContext db, WebhookSigningSecrets tokens, NotionVerificationTokens verification, NotionPageEvents pages,
    RefusalWarnings warnings, ILogger<NotionWebhookReceiver> log)
{
    /// <summary>Notion's events are under a few kilobytes (they name the page, not its content).</summary>
    public const int MaxBodyBytes = 256 * 1024;

    public async Task<IResult> ReceiveAsync(HttpContext http, string? workspace, CancellationToken ct)
    {
        if (await WebhookBodies.ReadAsync(http.Request, MaxBodyBytes, ct) is not { } body)
        {
            return Problem(StatusCodes.Status413PayloadTooLarge, "Body too large", $"A request body may be at most {MaxBodyBytes:N0} bytes.");
        }

        if (WebhookBodies.ParseObject(body) is not { } request)
        {
            return Problem(StatusCodes.Status400BadRequest, "Not JSON", "The body is not a JSON object.");
        }

        Guid? named = PublicId.TryParse(IdPrefixes.Workspace, workspace, out var key) ? key : null;
        if (NotionPage.Text(request, "verification_token") is { } token && NotionPage.Text(request, "type") is null)
        {
            return await CaptureAsync(named, token, ct);
        }

        var signature = http.Request.Headers[NotionSignature.Header].ToString();
        var notionWorkspace = NotionPage.Text(request, "workspace_id");
        var connections = notionWorkspace is null ? [] : await db.Set<AppConnection>().IgnoreQueryFilters().AsNoTracking()
            .Where(c => c.AppId == NotionServices.AppId && c.Account == notionWorkspace && (named == null || c.WorkspaceId == named)).ToListAsync(ct);
        var workspaces = connections.Select(c => c.WorkspaceId).Concat(named is { } n ? [n] : []).Distinct().ToList();
        var secrets = await tokens.OfWorkspacesAsync(NotionServices.AppId, workspaces, ct);
        var signed = secrets.Where(s => NotionSignature.SignedWith(signature, s.Value, body)).Select(s => s.Key).ToHashSet();
        if (signed.Count == 0)
        {
            return Unverified(http, $"The {NotionSignature.Header} does not match the body with the verification token of a workspace connected to this Notion workspace.");
        }

        var type = NotionPage.Text(request, "type") ?? "";
        var entity = request.TryGetProperty("entity", out var e) && e.ValueKind == JsonValueKind.Object ? e : default;
        if (!type.StartsWith("page.", StringComparison.Ordinal) || NotionPage.Text(entity, "type") != "page" || NotionApi.Id(NotionPage.Text(entity, "id")) is not { } pageId)
        {
            return TypedResults.Ok();
        }

        foreach (var connection in connections.Where(c => signed.Contains(c.WorkspaceId) && c.Status == ConnectionStatus.Active))
        {
            try
            {
                await pages.RefetchAsync(connection, type, pageId, ct);
            }
            catch (ProviderException ex)
            {
                // Notion retries a delivery that failed: the page is read again then.
                RefetchFailed(connection.Id, ex.Status);
                return Problem(StatusCodes.Status503ServiceUnavailable, "Notion did not give the page", $"Reading the page back from Notion failed ({ex.Message}); send the event again.");
            }
            catch (ConnectionUnusableException ex)
            {
                RefetchFailed(connection.Id, 401);
                log.LogDebug("Connection {ConnectionId} cannot read Notion: {Reason}", connection.Id, ex.Message);
            }
        }

        return TypedResults.Ok();
    }

    private async Task<IResult> CaptureAsync(Guid? workspace, string token, CancellationToken ct)
    {
        if (workspace is null)
        {
            return Problem(StatusCodes.Status400BadRequest, "No workspace",
                "Register the webhook URL shown on Sentinel's Notion app page (it names the workspace, ?workspace=ws_…), so the verification token reaches it.");
        }

        if (token.Length > 500 || !await verification.CaptureAsync(workspace.Value, token, ct))
        {
            return Problem(StatusCodes.Status409Conflict, "No Notion client",
                "This workspace has no Notion OAuth client of its own to keep the verification token with: enter the Notion integration's client on the app page first.");
        }

        Captured(workspace.Value);
        return TypedResults.Ok();
    }

    private IResult Unverified(HttpContext http, string reason)
    {
        if (warnings.ShouldWarn("notion webhook", http.Connection.RemoteIpAddress))
        {
            Refused(http.Connection.RemoteIpAddress?.ToString(), reason);
        }

        return Problem(StatusCodes.Status401Unauthorized, "Not verified", reason);
    }

    private static IResult Problem(int status, string title, string detail) =>
        TypedResults.Problem(statusCode: status, title: title, detail: detail);

    [LoggerMessage(LogLevel.Warning, "Refused a Notion webhook request from {ClientAddress}: {Reason}")]
    private partial void Refused(string? clientAddress, string reason);

    [LoggerMessage(LogLevel.Information, "Kept the Notion verification token sent for workspace {WorkspaceId}")]
    private partial void Captured(Guid workspaceId);

    [LoggerMessage(LogLevel.Warning, "Reading a Notion page back for connection {ConnectionId} failed (HTTP {Status})")]
    private partial void RefetchFailed(Guid connectionId, int status);
}
