using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Platform.Workspaces;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Benchmarks;

/// <summary>Connected accounts stored the way the connect flow stores them (tokens the fake issued, protected with
/// <see cref="AppSecrets"/>), without a consent page per account: a benchmark of 10,000 connections starts from them.</summary>
internal static class BenchConnections
{
    public static async Task<Guid> NewWorkspaceAsync(BenchApp app, string name)
    {
        await using var scope = app.Scope();
        return (await scope.ServiceProvider.GetRequiredService<WorkspaceDirectory>().CreateAsync(name, Plan.Scale, CancellationToken.None)).Id;
    }

    public static async Task<List<AppConnection>> AddAsync(
        BenchApp app, Guid workspace, string appId, IReadOnlyList<FakeTokens> tokens, DateTimeOffset expiresAt, string settings = "{}")
    {
        var stored = new List<AppConnection>(tokens.Count);
        foreach (var batch in tokens.Chunk(1_000))
        {
            await using var scope = app.Scope();
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
            var secrets = scope.ServiceProvider.GetRequiredService<AppSecrets>();
            var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
            var connections = batch.Select(t => new AppConnection
            {
                Id = PublicId.NewId(TimeProvider.System),
                WorkspaceId = workspace,
                AppId = appId,
                Account = t.Grant.Account.Email,
                AccountName = t.Grant.Account.Name,
                Scopes = [.. t.Grant.Scopes],
                AccessTokenCiphertext = secrets.Protect(t.AccessToken),
                RefreshTokenCiphertext = t.RefreshToken is { } refresh ? secrets.Protect(refresh) : null,
                ExpiresAt = expiresAt,
                Settings = settings,
                ConnectedBy = "bench",
                CreatedAt = DateTimeOffset.UtcNow,
                UpdatedAt = DateTimeOffset.UtcNow,
            }).ToList();
            db.AddRange(connections);
            await db.SaveChangesAsync();
            stored.AddRange(connections);
        }

        return stored;
    }
}
