using System.Net;
using Integrations.Apps.Connections;
using Integrations.Apps.Security;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Apps.Connect;

/// <summary>The consent round trip as a browser makes it, and what the database holds afterwards.</summary>
internal static class ConnectFlow
{
    /// <summary>"Connect" on the app's page: the provider's authorize URL it redirects to.</summary>
    public static async Task<string> StartAsync(HttpClient admin, string appId, CancellationToken ct)
    {
        var page = $"/integrations/apps/{appId}";
        using var started = await admin.PostFormAsync(page, $"{page}?handler=Connect", new Dictionary<string, string>(), ct);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        return started.Headers.Location!.ToString();
    }

    /// <summary>Consent at the fake, then the browser following its redirect to our callback.</summary>
    public static async Task<HttpResponseMessage> ConnectAsync(HttpClient admin, string appId, FakeOAuthProvider fake, bool allow, CancellationToken ct)
    {
        var callback = await fake.ConsentAsync(await StartAsync(admin, appId, ct), allow, ct);
        return await admin.GetAsync(callback.PathAndQuery, ct);
    }

    /// <summary>Every column of every stored connection of the account, as JSON.</summary>
    public static async Task<string> RowsAsync(SentinelApp app, string account)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        return await db.Database.SqlQuery<string>($"SELECT coalesce(json_agg(t)::text, '') AS \"Value\" FROM app_connections t WHERE account = {account}")
            .SingleAsync();
    }

    public static async Task<List<AppConnection>> ConnectionsAsync(SentinelApp app, string account)
    {
        await using var scope = app.Scope();
        return await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AppConnection>().IgnoreQueryFilters()
            .Where(c => c.Account == account).ToListAsync();
    }

    public static async Task<string> AccessTokenAsync(SentinelApp app, AppConnection connection)
    {
        await using var scope = app.Scope();
        return scope.ServiceProvider.GetRequiredService<AppSecrets>().Unprotect(connection.AccessTokenCiphertext);
    }

    public static async Task<string> AuditAsync(SentinelApp app)
    {
        await using var scope = app.Scope();
        var entries = await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Set<AuditEntry>().IgnoreQueryFilters()
            .Where(a => a.ObjectType == "app_connection").Select(a => new { a.Action, a.Changes }).ToListAsync();
        return string.Join("\n", entries.Select(e => $"{e.Action} {e.Changes}"));
    }

    /// <summary>A second admin of the seeded admin's workspace, signed in on a client of their own.</summary>
    public static async Task<HttpClient> OtherAdminAsync(SentinelApp app, CancellationToken ct) =>
        await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Admin), Members.Password, ct);

    public static FakeAccount NewAccount(string name = "Ana Lima") =>
        new($"ana.{Guid.NewGuid():N}@example.com", name, "T" + Guid.NewGuid().ToString("N")[..9].ToUpperInvariant(), "Team " + name);
}
