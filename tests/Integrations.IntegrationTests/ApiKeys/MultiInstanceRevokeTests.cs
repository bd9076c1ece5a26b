using System.Diagnostics;
using System.Net;
using Integrations.ApiKeys.Keys;
using Integrations.Platform.Callers;
using Integrations.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.ApiKeys;

public sealed class MultiInstanceRevokeTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    /// <summary>A second instance of the app on the same database, as behind a load balancer.</summary>
    private sealed class SecondInstance(string connectionString) : SentinelApp
    {
        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }

    [Fact]
    public async Task Revoke_StopsTheKeyOnEveryInstanceAtOnce_NotAfterTheirCacheExpires()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var other = new SecondInstance(app.ConnectionString);
        await other.InitializeAsync();
        var workspace = await Keys.NewWorkspaceAsync(app);
        var issued = await Keys.IssueAsync(app, ["crm:read"], workspace);
        var onOther = other.Client(issued.Key);
        Assert.Equal(HttpStatusCode.OK, (await onOther.GetAsync("/api/v1/records/contact", ct)).StatusCode); // now cached there

        await using (var scope = app.Scope())
        {
            scope.ServiceProvider.GetRequiredService<Caller>().ActAsSystem(workspace);
            await scope.ServiceProvider.GetRequiredService<KeyRing>().RevokeAsync(issued.ApiKey.Id, ct);
        }

        // The other instance caches a known key for a minute; the notification must beat that by far.
        var waited = Stopwatch.StartNew();
        HttpStatusCode status;
        do
        {
            status = (await onOther.GetAsync("/api/v1/records/contact", ct)).StatusCode;
        }
        while (status == HttpStatusCode.OK && waited.Elapsed < TimeSpan.FromSeconds(5) && await Delay(ct));

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    private static async Task<bool> Delay(CancellationToken ct)
    {
        await Task.Delay(50, ct);
        return true;
    }
}
