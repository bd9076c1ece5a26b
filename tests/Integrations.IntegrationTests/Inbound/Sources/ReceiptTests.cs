using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>What happens to a verified request: de-duplication, the log, mapping errors, reprocessing, and the events it fires.</summary>
public sealed class ReceiptTests(InboundApp app) : IClassFixture<InboundApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task RepeatedDeliveryId_IsAnswered200WithFirstId_AndProcessedOnce()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "GitHub", preset = "github", mapping = Sources.ContactMapping });
        const string body = """{"email":"once@example.com","name":"Once"}""";
        var headers = new Dictionary<string, string>
        {
            ["X-Hub-Signature-256"] = Signatures.GitHub(source.Secret(), body), ["X-GitHub-Delivery"] = Guid.NewGuid().ToString(),
        };

        // The same delivery several times at once: the unique index lets one copy in.
        var answers = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => Sources.SendAsync(app, source.Id(), body, headers)));
        var again = await Sources.SendAsync(app, source.Id(), body, headers);

        Assert.Equal(1, answers.Count(a => a.StatusCode == HttpStatusCode.Accepted));
        Assert.All(answers.Where(a => a.StatusCode != HttpStatusCode.Accepted), a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var bodies = await Task.WhenAll(answers.Append(again).Select(a => a.Content.ReadFromJsonAsync<JsonElement>(Ct)));
        var ids = bodies.Select(b => b.GetProperty("id").GetString()).ToArray();
        Assert.Single(ids.Distinct());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.True(bodies[^1].GetProperty("duplicate").GetBoolean());
        var processed = await client.ProcessedAsync(source.Id(), ids[0]!);
        Assert.Equal("processed", processed.GetProperty("status").GetString());
        Assert.Single(await client.RequestsAsync(source.Id()));
        Assert.Single(await client.RecordsAsync("contact"));
    }

    [Fact]
    public async Task RepeatedIdInTheBody_IsAnswered200_WhenTheSourceTakesDeliveryIdsFromABodyPath()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new
        {
            name = "Events", preset = "api_key", idempotency = new { path = "$.event.id" }, mapping = Sources.ContactMapping,
        });
        const string body = """{"event":{"id":"evt_42"},"email":"path@example.com","name":"Path"}""";

        var first = await Sources.SendAsync(app, source.Id(), body, Key(source));
        var repeat = await Sources.SendAsync(app, source.Id(), body, Key(source));
        var other = await Sources.SendAsync(app, source.Id(), body.Replace("evt_42", "evt_43", StringComparison.Ordinal), Key(source));

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, repeat.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, other.StatusCode);
        var log = await client.RequestsAsync(source.Id());
        Assert.Equal(["evt_43", "evt_42"], log.Select(r => r.GetProperty("delivery_id").GetString()));
    }

    [Fact]
    public async Task BadJson_IsLoggedAsFailed_WithTheParsersReason()
    {
        var (client, source) = await ApiKeySourceAsync(Sources.ContactMapping);

        var requestId = await Sources.AcceptedAsync(app, source.Id(), """{"email": "half""", Key(source));

        var request = await client.ProcessedAsync(source.Id(), requestId);
        Assert.Equal("failed", request.GetProperty("status").GetString());
        Assert.Equal(["body"], request.ErrorFields());
        Assert.Contains("not valid JSON", request.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Empty(await client.RecordsAsync("contact"));
    }

    [Fact]
    public async Task MissingMappedField_IsLogged_AndReprocessingAfterFixingTheMappingCreatesTheRecord()
    {
        var (client, source) = await ApiKeySourceAsync(new
        {
            @object = "contact",
            fields = new object[] { new { field = "email", path = "$.customer.email" }, new { field = "first_name", path = "$.name" } },
            upsert = new { by = "email" },
        });

        var requestId = await Sources.AcceptedAsync(app, source.Id(), """{"email":"grace@example.com","name":"Grace"}""", Key(source));
        var failed = await client.ProcessedAsync(source.Id(), requestId);
        var fix = await client.PatchAsJsonAsync($"/api/v1/inbound/sources/{source.Id()}", new { mapping = Sources.ContactMapping }, Ct);
        var reprocess = await client.PostAsync($"/api/v1/inbound/sources/{source.Id()}/requests/{requestId}/reprocess", null, Ct);
        var processed = await client.ProcessedAsync(source.Id(), requestId);

        Assert.Equal("failed", failed.GetProperty("status").GetString());
        Assert.Equal(["email"], failed.ErrorFields().Distinct());
        Assert.Contains("$.customer.email", failed.GetProperty("errors")[0].GetProperty("message").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, fix.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, reprocess.StatusCode);
        Assert.Equal("processed", processed.GetProperty("status").GetString());
        Assert.Equal(2, processed.GetProperty("attempts").GetInt32());
        var contact = Assert.Single(await client.RecordsAsync("contact"));
        Assert.Equal(processed.GetProperty("record").GetProperty("id").GetString(), contact.GetProperty("id").GetString());
        Assert.Equal("Grace", contact.GetProperty("first_name").GetString());
    }

    [Fact]
    public async Task TypeMismatch_IsLoggedNamingTheField()
    {
        var (client, source) = await ApiKeySourceAsync(new
        {
            @object = "deal",
            fields = new object[] { new { field = "name", path = "$.title" }, new { field = "amount", path = "$.total" } },
        });

        var requestId = await Sources.AcceptedAsync(app, source.Id(), """{"title":"Big one","total":"lots"}""", Key(source));

        var request = await client.ProcessedAsync(source.Id(), requestId);
        Assert.Equal("failed", request.GetProperty("status").GetString());
        Assert.Equal(["amount"], request.ErrorFields());
        Assert.Empty(await client.RecordsAsync("deal"));
    }

    [Fact]
    public async Task RecordCreatedByInboundWebhook_FiresOutboundWebhookEvent()
    {
        await using var receiver = await WebhookReceiver.StartAsync();
        const string secret = "whsec_b3V0Ym91bmQtc2VjcmV0LWZvci10ZXN0cw==";
        var url = receiver.Add("crm", [secret]);
        var (client, source) = await ApiKeySourceAsync(Sources.ContactMapping);
        var subscribed = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url, events = new[] { "contact.created" }, secret }, Ct);
        Assert.Equal(HttpStatusCode.Created, subscribed.StatusCode);

        var requestId = await Sources.AcceptedAsync(app, source.Id(), """{"email":"hooked@example.com","name":"Hooked"}""", Key(source));

        var processed = await client.ProcessedAsync(source.Id(), requestId);
        var delivered = Assert.Single(await receiver.WaitForAsync("crm", r => r.Count > 0));
        var envelope = JsonDocument.Parse(delivered.Body).RootElement;
        Assert.Equal("contact.created", envelope.GetProperty("event").GetString());
        Assert.Equal(processed.GetProperty("record").GetProperty("id").GetString(), envelope.GetProperty("data").GetProperty("id").GetString());
        Assert.True(delivered.StandardSignatureValid);
    }

    [Fact]
    public async Task UnknownOrDisabledSource_IsRefused_AndNothingIsStored()
    {
        var (client, source) = await ApiKeySourceAsync(Sources.ContactMapping);
        var disabled = await client.PatchAsJsonAsync($"/api/v1/inbound/sources/{source.Id()}", new { enabled = false }, Ct);

        var toDisabled = await Sources.SendAsync(app, source.Id(), "{}", Key(source));
        var toUnknown = await Sources.SendAsync(app, "src_" + Guid.NewGuid().ToString("N"), "{}", Key(source));

        Assert.False((await disabled.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("enabled").GetBoolean());
        await toDisabled.AssertProblemAsync(HttpStatusCode.Forbidden);
        await toUnknown.AssertProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await client.RequestsAsync(source.Id()));
    }

    private async Task<(HttpClient Client, JsonElement Source)> ApiKeySourceAsync(object mapping)
    {
        var client = await Sources.ClientAsync(app);
        return (client, await client.CreateAsync(new { name = "Partner feed", preset = "api_key", mapping }));
    }

    private static Dictionary<string, string> Key(JsonElement source) => new() { ["X-Api-Key"] = source.Secret() };
}
