using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Microsoft.EntityFrameworkCore;

namespace Integrations.Apps.Connect;

/// <summary>Where consent round trips wait for their callback; each state is taken at most once.</summary>
internal sealed class ConnectStates(IntegrationsDbContext db, Caller caller, TimeProvider clock)
{
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    public async Task SaveAsync(string state, string appId, string? verifierCiphertext, string redirectUri, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        await db.Set<ConnectState>().Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(ct);
        db.Add(new ConnectState
        {
            StateHash = ConnectSecrets.Hash(state),
            WorkspaceId = caller.WorkspaceId,
            AdminId = caller.ActorId,
            AppId = appId,
            VerifierCiphertext = verifierCiphertext,
            RedirectUri = redirectUri,
            ExpiresAt = now + Lifetime,
        });
        await db.SaveChangesAsync(ct);
    }

    /// <summary>Takes the state out in one statement, whoever it is bound to, so it can never be used twice;
    /// the caller checks the binding and the expiry.</summary>
    public async Task<TakenState?> TakeAsync(string state, CancellationToken ct)
    {
        var hash = ConnectSecrets.Hash(state);
        var taken = await db.Database.SqlQuery<TakenState>($"""
            DELETE FROM app_connect_states WHERE state_hash = {hash}
            RETURNING workspace_id, admin_id, app_id, verifier_ciphertext, redirect_uri, expires_at
            """).ToListAsync(ct);
        return taken.SingleOrDefault();
    }
}

internal sealed record TakenState(Guid WorkspaceId, string AdminId, string AppId, string? VerifierCiphertext, string RedirectUri, DateTimeOffset ExpiresAt);
