using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>The admin pages over HTTP, in the seeded admin's workspace (the only one this class makes).</summary>
public sealed class ConnectorPagesTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditPage_SaysCredentialsAreSet_WithoutShowingThem()
    {
        var api = app.Client((await Keys.IssueAsync(app, Connectors.Scopes)).Key);
        var id = await api.CreateAsync(Connectors.PeopleConnector("http://127.0.0.1:9/people", new { type = "bearer", token = "tok-never-shown-77" }));
        var admin = await app.SignInAsync(Ct);

        var edit = await admin.GetStringAsync($"/integrations/connectors/edit/{id}", Ct);
        var detail = await admin.GetStringAsync($"/integrations/connectors/{id}", Ct);

        Assert.DoesNotContain("tok-never-shown-77", edit, StringComparison.Ordinal);
        Assert.Contains("leave empty to keep the token", edit, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-never-shown-77", detail, StringComparison.Ordinal);
        Assert.Contains("credentials set", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Pages_RedactCredentialsInTheUrlQuery()
    {
        var api = app.Client((await Keys.IssueAsync(app, Connectors.Scopes)).Key);
        var id = await api.CreateAsync(Connectors.PeopleConnector("http://127.0.0.1:9/people?token=qs-never-shown-31&limit=5"));
        var admin = await app.SignInAsync(Ct);

        var edit = await admin.GetStringAsync($"/integrations/connectors/edit/{id}", Ct);
        var detail = await admin.GetStringAsync($"/integrations/connectors/{id}", Ct);
        var list = await admin.GetStringAsync("/integrations/connectors", Ct);

        Assert.All(new[] { edit, detail, list }, page => Assert.DoesNotContain("qs-never-shown-31", page, StringComparison.Ordinal));
        Assert.Contains("token=REDACTED&amp;limit=5", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RunNow_IsRefused_WithoutAntiforgeryToken()
    {
        var api = app.Client((await Keys.IssueAsync(app, Connectors.Scopes)).Key);
        var id = await api.CreateAsync(Connectors.PeopleConnector("http://127.0.0.1:9/people"));
        var admin = await app.SignInAsync(Ct);

        using var forged = await admin.PostAsync($"/integrations/connectors/{id}?handler=Run", new FormUrlEncodedContent([]), Ct);
        using var real = await admin.PostFormAsync($"/integrations/connectors/{id}", $"/integrations/connectors/{id}?handler=Run",
            new Dictionary<string, string>(), Ct);

        Assert.Equal(HttpStatusCode.BadRequest, forged.StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, real.StatusCode);
        var runs = await api.RunsAsync(id);
        Assert.Equal("queued", Assert.Single(runs).GetProperty("status").GetString());
    }
}
