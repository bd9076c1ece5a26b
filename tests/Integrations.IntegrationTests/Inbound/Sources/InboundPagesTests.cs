using System.Net;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>The admin pages over HTTP, forms and antiforgery tokens as a browser posts them.</summary>
public sealed class InboundPagesTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task SaveForm_ShowsErrorsNamingFields_ThenCreatesSource_AndItsPageKeepsNoCredentialHeader()
    {
        using var admin = await app.SignInAsync(Ct);
        var name = "Partner " + Guid.NewGuid().ToString("N")[..6];
        var form = new Dictionary<string, string>
        {
            ["Form.Preset"] = "api_key", ["Form.Header"] = "X-Partner-Auth", ["Form.Secret"] = "partner-shared-key-1",
            ["Form.Enabled"] = "true", ["Form.Mapping.Object"] = "contact", ["Form.Mapping.UpsertBy"] = "email",
            ["Form.Mapping.Fields[0].Target"] = "email", ["Form.Mapping.Fields[0].Kind"] = "path", ["Form.Mapping.Fields[0].Expression"] = "$.email",
            ["Form.Mapping.Fields[1].Target"] = "", ["Form.Mapping.Fields[1].Expression"] = "",
            ["Form.Mapping.Fields[2].Target"] = "job_title", ["Form.Mapping.Fields[2].Kind"] = "value", ["Form.Mapping.Fields[2].Expression"] = "Buyer",
        };

        var refused = await admin.PostFormAsync("/integrations/inbound/edit", "/integrations/inbound/edit?handler=Save", form, Ct);
        var saved = await admin.PostFormAsync("/integrations/inbound/edit", "/integrations/inbound/edit?handler=Save",
            new Dictionary<string, string>(form) { ["Form.Name"] = name }, Ct);
        var withoutToken = await admin.PostAsync("/integrations/inbound/edit?handler=Save", new FormUrlEncodedContent(form), Ct);

        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains("Give the source a name", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, withoutToken.StatusCode);
        var detail = saved.Headers.Location!.ToString();
        var sourceId = detail[(detail.LastIndexOf('/') + 1)..];

        var body = """{"email":"page@example.com"}""";
        var accepted = await Sources.AcceptedAsync(app, sourceId, body, new Dictionary<string, string> { ["X-Partner-Auth"] = "partner-shared-key-1" });
        var page = await admin.GetStringAsync($"{detail}?shown={accepted}", Ct);

        Assert.Contains(name, page, StringComparison.Ordinal);
        Assert.Contains(accepted, page, StringComparison.Ordinal);
        Assert.Contains("page@example.com", page, StringComparison.Ordinal);
        Assert.DoesNotContain("partner-shared-key-1", page, StringComparison.Ordinal);
        Assert.DoesNotContain("X-Partner-Auth:", page, StringComparison.Ordinal);

        // The form's "Enabled" box unticked posts only the hidden "false".
        var edit = $"/integrations/inbound/edit/{sourceId}";
        var disabled = await admin.PostFormAsync(edit, $"{edit}?handler=Save",
            new Dictionary<string, string>(form) { ["Form.Name"] = name, ["Form.Enabled"] = "false" }, Ct);
        var refusedWhileOff = await Sources.SendAsync(app, sourceId, body, new Dictionary<string, string> { ["X-Partner-Auth"] = "partner-shared-key-1" });
        Assert.Equal(HttpStatusCode.Redirect, disabled.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, refusedWhileOff.StatusCode);
    }
}
