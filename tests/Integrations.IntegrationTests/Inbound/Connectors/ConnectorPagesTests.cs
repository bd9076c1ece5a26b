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
    public async Task Pages_RedactCredentialsInTheUrlQuery_AndTheBody()
    {
        var api = app.Client((await Keys.IssueAsync(app, Connectors.Scopes)).Key);
        var connector = Connectors.PeopleConnector("http://127.0.0.1:9/people?token=qs-never-shown-31&limit=5");
        connector["method"] = "POST";
        connector["body"] = """{"password": "body-never-shown-31"}""";
        var id = await api.CreateAsync(connector);
        var admin = await app.SignInAsync(Ct);

        var edit = await admin.GetStringAsync($"/integrations/connectors/edit/{id}", Ct);
        var detail = await admin.GetStringAsync($"/integrations/connectors/{id}", Ct);
        var list = await admin.GetStringAsync("/integrations/connectors", Ct);

        Assert.All(new[] { edit, detail, list }, page => Assert.DoesNotContain("qs-never-shown-31", page, StringComparison.Ordinal));
        Assert.All(new[] { edit, detail, list }, page => Assert.DoesNotContain("body-never-shown-31", page, StringComparison.Ordinal));
        Assert.Contains("token=REDACTED&amp;limit=5", detail, StringComparison.Ordinal);
        Assert.Contains("{&quot;password&quot;:&quot;REDACTED&quot;}", edit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EditPage_SavedUntouched_KeepsEveryStoredCredential()
    {
        await using var people = await PeopleApi.StartAsync(1);
        var api = app.Client((await Keys.IssueAsync(app, Connectors.Scopes)).Key);
        var connector = Connectors.PeopleConnector(people.Url + "?api_key=qs-kept-41", new { type = "bearer", token = "tok-kept-41" });
        connector["method"] = "POST";
        connector["body"] = """{"client_secret": "body-kept-41"}""";
        var id = await api.CreateAsync(connector);
        var admin = await app.SignInAsync(Ct);
        var page = $"/integrations/connectors/edit/{id}";
        var fields = PageForms.Fields(await admin.GetStringAsync(page, Ct), "connector-form");
        fields["Form.Name"] = "Renamed on the page";

        using var saved = await admin.PostFormAsync(page, fields, Ct);

        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("Renamed on the page", (await api.ConnectorAsync(id)).GetProperty("name").GetString());
        await app.RunNowAsync(api, id);
        var sent = Assert.Single(people.Requests);
        Assert.Equal(("qs-kept-41", "Bearer tok-kept-41", """{"client_secret":"body-kept-41"}"""),
            (sent.Parameter("api_key"), sent.Header("Authorization"), sent.Body));
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
