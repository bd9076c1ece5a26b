using Integrations.Apps.Catalogue;
using Integrations.Apps.Providers.Notion;
using Integrations.Apps.Security;
using Integrations.Apps.Triggers.Slack;
using Integrations.Apps.Triggers.Zoom;
using Integrations.Platform.Audit;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Integrations.Apps.Clients;

/// <summary>
/// The OAuth clients apps connect with: the workspace's own (entered on the app's page, its secret encrypted and
/// never shown again), else the platform-wide one from configuration.
/// </summary>
public sealed class AppClients
{
    public const int MaxLength = 500;

    /// <summary>Whether the app's client comes with a signing secret (Slack's, which signs its Events API requests;
    /// Zoom's webhook Secret Token).</summary>
    public static bool TakesSigningSecret(string appId) => appId is SlackEvents.AppId or ZoomWebhook.AppId or NotionServices.AppId;

    private readonly IntegrationsDbContext db;
    private readonly Caller caller;
    private readonly AuditTrail audit;
    private readonly AppSecrets secrets;
    private readonly IOptions<AppsOptions> options;
    private readonly TimeProvider clock;

    internal AppClients(IntegrationsDbContext db, Caller caller, AuditTrail audit, AppSecrets secrets, IOptions<AppsOptions> options,
        TimeProvider clock)
    {
        this.db = db;
        this.caller = caller;
        this.audit = audit;
        this.secrets = secrets;
        this.options = options;
        this.clock = clock;
    }

    public async Task<AppClientView> FindAsync(string appId, CancellationToken ct)
    {
        if (await StoredAsync(appId, ct) is { } own)
        {
            return new AppClientView(AppClientView.Workspace, own.ClientId, true, own.SigningSecretCiphertext is not null);
        }

        return Configured(appId) is { } platform
            ? new AppClientView(AppClientView.Configuration, platform.ClientId, true, options.Value.SigningSecret(appId) is not null)
            : new AppClientView(AppClientView.None, null, false);
    }

    /// <summary>Notion: the verification token its webhook subscription sent to the workspace's URL (kept as the client's
    /// signing secret), shown on the app page so the admin can paste it back into Notion; null when none came.</summary>
    public async Task<string?> NotionVerificationTokenAsync(CancellationToken ct) =>
        secrets.TryUnprotect((await StoredAsync(NotionServices.AppId, ct))?.SigningSecretCiphertext);

    /// <summary>Notion: the webhook URL of this workspace (it names the workspace, for the verification token to reach it).</summary>
    public string NotionWebhookPath => $"{NotionServices.WebhookPath}?workspace={PublicId.Format(IdPrefixes.Workspace, caller.WorkspaceId)}";

    /// <summary>Errors by field (<c>client_id</c>, <c>client_secret</c>); empty when valid.</summary>
    public async Task<Dictionary<string, string[]>> ValidateAsync(string appId, AppClientRequest request, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var clientId = request.ClientId?.Trim();
        if (string.IsNullOrEmpty(clientId) || clientId.Length > MaxLength || clientId.Any(c => char.IsWhiteSpace(c) || char.IsControl(c)))
        {
            errors["client_id"] = [$"Give the client id the provider issued (1 to {MaxLength} characters, no spaces or control characters)."];
        }

        var stored = await StoredAsync(appId, ct);
        if (string.IsNullOrEmpty(request.ClientSecret))
        {
            if (stored is null || stored.ClientId != clientId)
            {
                errors["client_secret"] = [stored is null
                    ? "Give the client secret the provider issued."
                    : "The client id changed: give its client secret too (a stored secret only goes with its own client)."];
            }
        }
        else if (request.ClientSecret.Length > MaxLength || request.ClientSecret.Any(char.IsControl))
        {
            errors["client_secret"] = [$"The client secret is at most {MaxLength} characters, without line breaks."];
        }

        if (!string.IsNullOrEmpty(request.SigningSecret)
            && (!TakesSigningSecret(appId) || request.SigningSecret.Length > MaxLength || request.SigningSecret.Any(c => char.IsWhiteSpace(c) || char.IsControl(c))))
        {
            errors["signing_secret"] = [TakesSigningSecret(appId)
                ? $"Give the signing secret the provider issued (at most {MaxLength} characters, no spaces or line breaks)."
                : "This app takes no signing secret."];
        }

        return errors;
    }

    /// <summary>Saves what <see cref="ValidateAsync"/> accepted.</summary>
    public async Task SaveAsync(string appId, AppClientRequest request, CancellationToken ct)
    {
        try
        {
            await SaveOnceAsync(appId, request, ct);
        }
        catch (DbUpdateException e) when (e.InnerException is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation, TableName: "app_clients" })
        {
            // Another save made the workspace's first client for the app at the same moment: this one updates it.
            db.ChangeTracker.Clear();
            await SaveOnceAsync(appId, request, ct);
        }
    }

    private async Task SaveOnceAsync(string appId, AppClientRequest request, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var clientId = request.ClientId!.Trim();
        var stored = await StoredAsync(appId, ct);
        if (stored is null)
        {
            stored = new AppClient
            {
                Id = PublicId.NewId(clock),
                WorkspaceId = caller.WorkspaceId,
                AppId = appId,
                ClientId = clientId,
                SecretCiphertext = secrets.Protect(request.ClientSecret!),
                CreatedAt = now,
            };
            db.Add(stored);
        }
        else
        {
            stored.SecretCiphertext = string.IsNullOrEmpty(request.ClientSecret) ? stored.SecretCiphertext : secrets.Protect(request.ClientSecret);
            // A signing secret belongs to the provider's app, as the client id does: another client drops it.
            stored.SigningSecretCiphertext = stored.ClientId == clientId ? stored.SigningSecretCiphertext : null;
        }

        if (!string.IsNullOrEmpty(request.SigningSecret))
        {
            stored.SigningSecretCiphertext = secrets.Protect(request.SigningSecret);
        }

        stored.ClientId = clientId;
        stored.UpdatedAt = now;
        audit.Add("app.client_saved", "app", appId, new
        {
            client_id = clientId,
            secret_changed = !string.IsNullOrEmpty(request.ClientSecret),
            signing_secret_changed = !string.IsNullOrEmpty(request.SigningSecret),
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Removes the workspace's own client (the platform's, if any, applies again); false when there was none.</summary>
    public async Task<bool> RemoveAsync(string appId, CancellationToken ct)
    {
        if (await StoredAsync(appId, ct) is not { } stored)
        {
            return false;
        }

        db.Remove(stored);
        audit.Add("app.client_removed", "app", appId, new { client_id = stored.ClientId });
        await db.SaveChangesAsync(ct);
        return true;
    }

    /// <summary>The client to connect with, secret decrypted; null when there is none, or its secret can no longer be read.</summary>
    internal async Task<OAuthClient?> CredentialsAsync(string appId, CancellationToken ct)
    {
        if (await StoredAsync(appId, ct) is not { } own)
        {
            return Configured(appId);
        }

        // A secret that can no longer be read (its key is gone) is no client: the caller says to enter it again.
        return secrets.TryUnprotect(own.SecretCiphertext) is { } secret ? new OAuthClient(own.ClientId, secret) : null;
    }

    private Task<AppClient?> StoredAsync(string appId, CancellationToken ct) =>
        db.Set<AppClient>().FirstOrDefaultAsync(c => c.AppId == appId, ct);

    private OAuthClient? Configured(string appId) =>
        options.Value.Apps.TryGetValue(appId, out var settings) && settings is { ClientId: { Length: > 0 } id, ClientSecret: { Length: > 0 } secret }
            ? new OAuthClient(id, secret)
            : null;
}
