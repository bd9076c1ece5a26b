using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Integrations.Inbound.Sources;
using Integrations.IntegrationTests.Webhooks;
using Integrations.Testing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Sources;

public sealed class SourcesApiTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private const string Mapping = """{"object":"contact","fields":[{"field":"email","path":"$.email"}],"upsert":{"by":"email"}}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Create_ShowsGeneratedSecretOnce_StoresItEncrypted_AndAuditsWithoutIt()
    {
        var client = await Sources.ClientAsync(app);

        var created = await client.CreateAsync(new { name = "Standard", preset = "standard_webhooks", mapping = Sources.ContactMapping });

        var id = created.Id();
        var secret = created.Secret();
        Assert.StartsWith("src_", id, StringComparison.Ordinal);
        Assert.Matches("^whsec_[A-Za-z0-9+/]{64}$", secret);
        Assert.Equal($"http://localhost/api/v1/inbound/{id}", created.GetProperty("url").GetString());
        Assert.Equal("standard_webhooks", created.GetProperty("verification").GetProperty("method").GetString());
        Assert.Equal("webhook-id", created.GetProperty("idempotency").GetProperty("header").GetString());
        Assert.Equal("contact", created.GetProperty("object").GetString());
        var fetched = await client.GetStringAsync($"/api/v1/inbound/sources/{id}", Ct);
        var listed = await client.GetStringAsync("/api/v1/inbound/sources", Ct);
        var audit = await client.GetStringAsync($"/api/v1/audit?object_id={id}", Ct);
        Assert.Contains(id, listed, StringComparison.Ordinal);
        Assert.Contains("inbound_source.created", audit, StringComparison.Ordinal);
        Assert.All(new[] { fetched, listed, audit }, text => Assert.DoesNotContain(secret[6..], text, StringComparison.Ordinal));
        Assert.DoesNotContain("\"secret\"", fetched, StringComparison.Ordinal);
        var storedId = Guid.Parse(id["src_".Length..]);
        var stored = await app.QueryAsync(db => db.All<InboundSource>().SingleAsync(s => s.Id == storedId, Ct));
        Assert.DoesNotContain(secret[6..], stored.SecretCiphertext, StringComparison.Ordinal);
        var protector = app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("Sentinel.Inbound.Secrets");
        Assert.Equal(secret, protector.Unprotect(stored.SecretCiphertext));
    }

    [Fact]
    public async Task Create_KeepsSuppliedSecret_WithoutEchoingIt()
    {
        var client = await Sources.ClientAsync(app);

        var created = await client.CreateAsync(new { name = "Shopify", preset = "shopify", secret = "shpss_0123456789abcdef", mapping_preset = "shopify_order" });

        Assert.False(created.TryGetProperty("secret", out _));
        Assert.Equal("deal", created.GetProperty("object").GetString());
        Assert.Equal("X-Shopify-Hmac-SHA256", created.GetProperty("verification").GetProperty("header").GetString());
        Assert.Equal("base64", created.GetProperty("verification").GetProperty("encoding").GetString());
        var body = "{}";
        var verified = await Sources.SendAsync(app, created.Id(), body,
            new Dictionary<string, string> { ["X-Shopify-Hmac-SHA256"] = Signatures.Shopify("shpss_0123456789abcdef", body) });
        Assert.Equal(HttpStatusCode.Accepted, verified.StatusCode);
    }

    [Theory]
    [InlineData($$"""{"preset":"github","mapping":{{Mapping}}}""", "name")]
    [InlineData($$"""{"name":"x","mapping":{{Mapping}}}""", "verification.method")]
    [InlineData($$"""{"name":"x","preset":"telepathy","mapping":{{Mapping}}}""", "preset")]
    [InlineData($$"""{"name":"x","verification":{"method":"hmac","header":"Bad Header"},"mapping":{{Mapping}}}""", "verification.header")]
    [InlineData($$"""{"name":"x","verification":{"method":"hmac","header":"X-Sig","encoding":"rot13"},"mapping":{{Mapping}}}""", "verification.encoding")]
    [InlineData($$"""{"name":"x","verification":{"method":"basic","username":"a:b"},"mapping":{{Mapping}}}""", "verification.username")]
    [InlineData($$"""{"name":"x","preset":"github","secret":"short","mapping":{{Mapping}}}""", "secret")]
    [InlineData($$"""{"name":"x","preset":"github","idempotency":{"path":"id"},"mapping":{{Mapping}}}""", "idempotency.path")]
    [InlineData("""{"name":"x","preset":"github"}""", "mapping")]
    [InlineData("""{"name":"x","preset":"github","mapping_preset":"woo_order"}""", "mapping_preset")]
    [InlineData("""{"name":"x","preset":"github","mapping":{"object":"contact","fields":[{"field":"email","path":"customer.email"}]}}""", "mapping.fields[0].path")]
    [InlineData("""{"name":"x","preset":"github","mapping":{"object":"lead","fields":[]}}""", "mapping.object")]
    public async Task Create_Answers400NamingTheField_WhenInputIsInvalid(string body, string field)
    {
        var client = await Sources.ClientAsync(app);

        var response = await client.PostAsync("/api/v1/inbound/sources", new StringContent(body, Encoding.UTF8, "application/json"), Ct);

        await response.AssertInvalidFieldAsync(field);
    }

    [Fact]
    public async Task Create_Answers400_WhenBodyIsNotJson()
    {
        var client = await Sources.ClientAsync(app);

        var response = await client.PostAsync("/api/v1/inbound/sources", new StringContent("""{"name":""", Encoding.UTF8, "application/json"), Ct);

        await response.AssertProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Preview_ShowsTheRecordsASampleBecomes_OrWhatIsMissing_WithoutStoringAnything()
    {
        var client = await Sources.ClientAsync(app);

        var good = await client.PostAsJsonAsync("/api/v1/inbound/sources/preview", new
        {
            mapping_preset = "shopify_order",
            sample = new { id = 5, name = "#1002", total_price = "12.50", currency = "EUR", customer = new { email = "ann@example.com" } },
        }, Ct);
        var missing = await client.PostAsJsonAsync("/api/v1/inbound/sources/preview", new { mapping = Sources.ContactMapping, sample = new { name = "No email" } }, Ct);
        var badMapping = await client.PostAsJsonAsync("/api/v1/inbound/sources/preview", new { mapping = new { @object = "contact" }, sample = new { } }, Ct);

        var preview = await good.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Equal(HttpStatusCode.OK, good.StatusCode);
        Assert.Equal("#1002", preview.GetProperty("record").GetProperty("name").GetString());
        Assert.Equal(12.50m, preview.GetProperty("record").GetProperty("amount").GetDecimal());
        Assert.Equal("ann@example.com", preview.GetProperty("links")[0].GetProperty("record").GetProperty("email").GetString());
        Assert.Empty(preview.GetProperty("errors").EnumerateArray());
        var failed = await missing.Content.ReadFromJsonAsync<JsonElement>(Ct);
        Assert.Contains("email", failed.ErrorFields());
        await badMapping.AssertInvalidFieldAsync("mapping.fields");
        Assert.Empty(await client.RecordsAsync("deal"));
    }

    [Fact]
    public async Task UpdateAndDelete_AreAudited_AndDeletedSourceIsGone()
    {
        var client = await Sources.ClientAsync(app);
        var created = await client.CreateAsync(new { name = "Old name", preset = "api_key", mapping = Sources.ContactMapping });

        var renamed = await client.PatchAsJsonAsync($"/api/v1/inbound/sources/{created.Id()}", new { name = "New name", secret = "a-new-shared-key" }, Ct);
        var badPatch = await client.PatchAsJsonAsync($"/api/v1/inbound/sources/{created.Id()}", new { verification = new { method = "carrier_pigeon" } }, Ct);
        var deleted = await client.DeleteAsync($"/api/v1/inbound/sources/{created.Id()}", Ct);
        var after = await client.GetAsync($"/api/v1/inbound/sources/{created.Id()}", Ct);

        Assert.Equal("New name", (await renamed.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("name").GetString());
        await badPatch.AssertInvalidFieldAsync("verification.method");
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await after.AssertProblemAsync(HttpStatusCode.NotFound);
        var audit = await client.GetStringAsync($"/api/v1/audit?object_id={created.Id()}", Ct);
        Assert.Contains("inbound_source.updated", audit, StringComparison.Ordinal);
        Assert.Contains("inbound_source.deleted", audit, StringComparison.Ordinal);
        Assert.Contains("secret_changed", audit, StringComparison.Ordinal);
        Assert.DoesNotContain("a-new-shared-key", audit, StringComparison.Ordinal);
    }

    [Fact]
    public async Task CreateAndUpdate_Answer403NamingTheWriteScope_OfEachObjectTheMappingWrites()
    {
        var (workspace, owner) = await app.ClientInNewWorkspaceAsync("inbound:read", "inbound:write", "crm:write");
        var contacts = await owner.CreateAsync(new { name = "Sign-ups", preset = "api_key", mapping = Sources.ContactMapping });
        var inboundOnly = app.Client((await Keys.IssueAsync(app, ["inbound:read", "inbound:write"], workspace)).Key);

        var create = await inboundOnly.PostAsJsonAsync("/api/v1/inbound/sources", new { name = "Orders", preset = "shopify", mapping_preset = "shopify_order" }, Ct);
        var rename = await inboundOnly.PatchAsJsonAsync($"/api/v1/inbound/sources/{contacts.Id()}", new { name = "Renamed" }, Ct);
        var product = await owner.PostAsJsonAsync("/api/v1/inbound/sources", new
        {
            name = "Catalogue", preset = "api_key",
            mapping = new { @object = "product", fields = new object[] { new { field = "name", path = "$.name" } }, upsert = new { by = "none" } },
        }, Ct);

        Assert.Equal("crm:write", (await create.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("crm:write", (await rename.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        Assert.Equal("commerce:write", (await product.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
        var listed = (await owner.GetFromJsonAsync<JsonElement>("/api/v1/inbound/sources", Ct)).GetProperty("data").EnumerateArray().ToList();
        Assert.Equal("Sign-ups", Assert.Single(listed).GetProperty("name").GetString());
    }

    [Theory]
    [InlineData("""{"object": null, "fields": [], "upsert": {"by": "none"}}""")]
    [InlineData("""{"object": "contact", "fields": [{"field": "email", "path": "$.email"}], "upsert": {"by": "none"}, "links": null}""")]
    [InlineData("""{"object": "deal", "fields": [{"field": "name", "path": "$.name"}], "upsert": {"by": "none"}, "links": [null]}""")]
    [InlineData("""{"object": "deal", "fields": [{"field": "name", "path": "$.name"}], "upsert": {"by": "none"}, "links": [{"field": "contact_id", "mapping": null}]}""")]
    public async Task Create_Answers400NamingTheMapping_WhenItHoldsNullsWhereItNeedsValues(string mapping)
    {
        var client = await Sources.ClientAsync(app);

        using var response = await client.PostAsync("/api/v1/inbound/sources", new StringContent(
            $$"""{"name": "Nulls", "preset": "api_key", "mapping": {{mapping}}}""", System.Text.Encoding.UTF8, "application/json"), Ct);

        var problem = await response.AssertProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains(problem.GetProperty("errors").EnumerateObject(), e => e.Name.StartsWith("mapping", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reprocess_Answers403NamingTheWriteScope_WhenTheKeyMayNotWriteWhatTheMappingWrites()
    {
        var (workspace, owner) = await app.ClientInNewWorkspaceAsync("inbound:read", "inbound:write", "crm:write");
        var source = await owner.CreateAsync(new { name = "Sign-ups", preset = "api_key", secret = "key-of-some-length-1", mapping = Sources.ContactMapping });
        var requestId = await Sources.AcceptedAsync(app, source.Id(), """{"email":"ada@example.com","name":"Ada"}""",
            new Dictionary<string, string> { ["X-Api-Key"] = "key-of-some-length-1" });
        var inboundOnly = app.Client((await Keys.IssueAsync(app, ["inbound:read", "inbound:write"], workspace)).Key);

        using var refused = await inboundOnly.PostAsync($"/api/v1/inbound/sources/{source.Id()}/requests/{requestId}/reprocess", null, Ct);

        Assert.Equal("crm:write", (await refused.AssertProblemAsync(HttpStatusCode.Forbidden)).GetProperty("required_scope").GetString());
    }

    [Fact]
    public async Task ManagingSources_NeedsInboundScopes_AndAnotherWorkspacesSourceIsNotFound()
    {
        var owner = await Sources.ClientAsync(app);
        var created = await owner.CreateAsync(new { name = "Mine", preset = "api_key", mapping = Sources.ContactMapping });
        var reader = await Subscribers.NewWorkspaceClientAsync(app, "inbound:read", "webhooks:write", "crm:write");
        var stranger = await Sources.ClientAsync(app);

        var create = await reader.PostAsJsonAsync("/api/v1/inbound/sources", new { name = "x", preset = "api_key", mapping = Sources.ContactMapping }, Ct);
        var peek = await stranger.GetAsync($"/api/v1/inbound/sources/{created.Id()}", Ct);
        var peekLog = await stranger.GetAsync($"/api/v1/inbound/sources/{created.Id()}/requests", Ct);

        var problem = await create.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal("inbound:write", problem.GetProperty("required_scope").GetString());
        await peek.AssertProblemAsync(HttpStatusCode.NotFound);
        await peekLog.AssertProblemAsync(HttpStatusCode.NotFound);
    }
}
