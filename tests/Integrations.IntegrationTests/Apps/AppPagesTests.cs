using System.Net;
using Integrations.Platform.Audit;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Integrations.IntegrationTests.Apps;

/// <summary>The admin pages over HTTP, in the seeded admin's workspace (the only one this class makes).</summary>
public sealed class AppPagesTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Catalogue_ShowsEveryAppAsATile_GroupedByCategory()
    {
        var admin = await app.SignInAsync(Ct);

        var page = await admin.GetStringAsync("/integrations/apps", Ct);

        foreach (var id in new[] { "gmail", "outlook", "google-calendar", "ga4", "slack", "calendly", "notion", "linkedin", "facebook-pages", "instagram" })
        {
            Assert.Contains($"href=\"/integrations/apps/{id}\"", page, StringComparison.Ordinal);
        }

        Assert.True(page.IndexOf(">Email<", StringComparison.Ordinal) < page.IndexOf(">Calendar<", StringComparison.Ordinal));
        Assert.Contains("Needs an OAuth client", page, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SavingAClient_StoresTheSecretEncrypted_ShowsItNever_AndKeepsItWhenLeftEmpty()
    {
        var admin = await app.SignInAsync(Ct);
        const string page = "/integrations/apps/outlook";
        Assert.Contains("http://localhost/integrations/apps/callback", await admin.GetStringAsync(page, Ct), StringComparison.Ordinal);

        using (var saved = await admin.PostFormAsync(page, $"{page}?handler=Client",
                   new Dictionary<string, string> { ["ClientId"] = "0c1d-outlook", ["ClientSecret"] = "client-secret-never-shown-62" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        }

        using (var renamedOnly = await admin.PostFormAsync(page, $"{page}?handler=Client",
                   new Dictionary<string, string> { ["ClientId"] = "0c1d-outlook", ["ClientSecret"] = "" }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, renamedOnly.StatusCode);
        }

        var shown = await admin.GetStringAsync(page, Ct);
        Assert.Contains("value=\"0c1d-outlook\"", shown, StringComparison.Ordinal);
        Assert.Contains("leave empty to keep it", shown, StringComparison.Ordinal);
        var texts = new[] { shown, await admin.GetStringAsync("/integrations/apps", Ct), await ClientRowsAsync(), await AuditAsync() };
        Assert.All(texts, text => Assert.DoesNotContain("client-secret-never-shown-62", text, StringComparison.Ordinal));
        Assert.Contains("app.client_saved", texts[3], StringComparison.Ordinal);
        Assert.Equal("client-secret-never-shown-62", await StoredSecretAsync("outlook"));
    }

    [Fact]
    public async Task SavingAClient_WhileAnotherSaveMakesTheWorkspacesFirst_UpdatesThatOne()
    {
        var admin = await app.SignInAsync(Ct);
        const string page = "/integrations/apps/google-calendar";
        await using var other = new NpgsqlConnection(app.ConnectionString);
        await other.OpenAsync(Ct);
        await using var racing = await other.BeginTransactionAsync(Ct);
        // The other save's row, not yet committed: this save does not see it, and its insert waits on the unique index.
        await using (var insert = new NpgsqlCommand(
            """
            INSERT INTO app_clients (id, workspace_id, app_id, client_id, secret_ciphertext, created_at, updated_at)
            SELECT gen_random_uuid(), id, 'google-calendar', 'racing-client', 'racing', now(), now() FROM workspaces ORDER BY id LIMIT 1
            """, other, racing))
        {
            Assert.Equal(1, await insert.ExecuteNonQueryAsync(Ct));
        }

        var saving = admin.PostFormAsync(page, $"{page}?handler=Client",
            new Dictionary<string, string> { ["ClientId"] = "calendar-client", ["ClientSecret"] = "calendar-secret" }, Ct);
        await Poll.UntilAsync(WaitingOnALockAsync, waiting => waiting > 0, TimeSpan.FromSeconds(10), _ => "The save never waited for the other one's row.");
        await racing.CommitAsync(Ct);
        using var saved = await saving;

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("calendar-secret", await StoredSecretAsync("google-calendar"));
    }

    private async Task<long> WaitingOnALockAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync(Ct);
        await using var waiting = new NpgsqlCommand(
            "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE '%app_clients%'", connection);
        return (long)(await waiting.ExecuteScalarAsync(Ct))!;
    }

    [Theory]
    [InlineData("", "s3cret", "Give the client id")]
    [InlineData("has space", "s3cret", "no spaces")]
    [InlineData("bell\u0007inside", "s3cret", "control characters")]
    [InlineData("ga4-client", "", "Give the client secret")]
    public async Task SavingAClient_SaysWhatIsWrong_AndStoresNothing(string clientId, string secret, string says)
    {
        var admin = await app.SignInAsync(Ct);
        const string page = "/integrations/apps/ga4";

        using var refused = await admin.PostFormAsync(page, $"{page}?handler=Client",
            new Dictionary<string, string> { ["ClientId"] = clientId, ["ClientSecret"] = secret }, Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains(says, await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.DoesNotContain("ga4", await ClientRowsAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ChangingTheClientId_AsksForItsSecretAgain()
    {
        var admin = await app.SignInAsync(Ct);
        const string page = "/integrations/apps/gmail";
        using (await admin.PostFormAsync(page, $"{page}?handler=Client",
                   new Dictionary<string, string> { ["ClientId"] = "first.apps.googleusercontent.com", ["ClientSecret"] = "first-secret" }, Ct))
        {
        }

        using var other = await admin.PostFormAsync(page, $"{page}?handler=Client",
            new Dictionary<string, string> { ["ClientId"] = "other.apps.googleusercontent.com", ["ClientSecret"] = "" }, Ct);

        Assert.Contains("The client id changed: give its client secret too", await other.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal("first-secret", await StoredSecretAsync("gmail"));
    }

    [Fact]
    public async Task UnknownApp_Is404()
    {
        var admin = await app.SignInAsync(Ct);

        using var missing = await admin.GetAsync("/integrations/apps/myspace", Ct);

        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }

    // Every column of every stored client, as the database holds them.
    private async Task<string> ClientRowsAsync()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        return await db.Database.SqlQuery<string>($"SELECT coalesce(json_agg(t)::text, '') AS \"Value\" FROM app_clients t").SingleAsync(Ct);
    }

    private async Task<string> AuditAsync()
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var entries = await db.Set<AuditEntry>().IgnoreQueryFilters().Where(a => a.ObjectType == "app")
            .Select(a => new { a.Action, a.Changes }).ToListAsync(Ct);
        return string.Join("\n", entries.Select(e => $"{e.Action} {e.Changes}"));
    }

    // As the connect flow will read it: the workspace's own client, secret decrypted.
    private async Task<string?> StoredSecretAsync(string appId)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        var row = await db.Set<Integrations.Apps.Clients.AppClient>().IgnoreQueryFilters().SingleAsync(c => c.AppId == appId, Ct);
        return scope.ServiceProvider.GetRequiredService<Integrations.Apps.Security.AppSecrets>().Unprotect(row.SecretCiphertext);
    }
}
