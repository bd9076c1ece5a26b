using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Inbound.Sources.Requests;
using Integrations.IntegrationTests.Webhooks;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>
/// Methods that sign no timestamp or id (hmac, api_key, basic) cannot tell a replay from a new delivery, so a body the
/// source received in the last 24 hours is a duplicate whatever delivery id comes with it.
/// </summary>
public sealed class BodyReplayTests(InboundApp app) : IClassFixture<InboundApp>
{
    private const string DeliveryHeader = "X-Delivery-Id";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("shopify")]
    [InlineData("github")]
    [InlineData("hmac")]
    [InlineData("api_key")]
    [InlineData("basic")]
    public async Task CapturedRequest_IsAnswered200WithTheFirstId_WhenReplayedWithANewDeliveryIdOrNone(string preset)
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(Signatures.DeliveryHeader(preset) is not null
            ? new { name = preset, preset, mapping = Sources.ContactMapping }
            : new { name = preset, preset, idempotency = new { header = DeliveryHeader }, mapping = Sources.ContactMapping });
        var body = Body(preset);

        var firstId = await Sources.AcceptedAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, NewDeliveryId()));
        var newDeliveryId = await Sources.SendAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, NewDeliveryId()));
        var noDeliveryId = await Sources.SendAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, null));

        await AssertDuplicateOfAsync(newDeliveryId, firstId);
        await AssertDuplicateOfAsync(noDeliveryId, firstId);
        Assert.Equal("processed", (await client.ProcessedAsync(source.Id(), firstId)).GetProperty("status").GetString());
        Assert.Equal([firstId], (await client.RequestsAsync(source.Id())).Select(r => r.GetProperty("request_id").GetString()));
        Assert.Single(await client.RecordsAsync("contact"));
    }

    [Fact]
    public async Task SameBody_IsAcceptedAgain_Once24HoursHavePassed()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Daily", preset = "api_key", mapping = Sources.ContactMapping });
        var body = Body("daily");
        var key = Sign("api_key", source.Secret(), body, null);

        var firstId = await Sources.AcceptedAsync(app, source.Id(), body, key);
        app.Clock.Advance(TimeSpan.FromHours(24) - TimeSpan.FromMinutes(1));
        var withinADay = await Sources.SendAsync(app, source.Id(), body, key);
        app.Clock.Advance(TimeSpan.FromMinutes(2));
        var secondId = await Sources.AcceptedAsync(app, source.Id(), body, key);
        var afterThat = await Sources.SendAsync(app, source.Id(), body, key);

        await AssertDuplicateOfAsync(withinADay, firstId);
        Assert.NotEqual(firstId, secondId);
        await AssertDuplicateOfAsync(afterThat, secondId);
        Assert.Equal([secondId, firstId], (await client.RequestsAsync(source.Id())).Select(r => r.GetProperty("request_id").GetString()));
    }

    [Theory]
    [InlineData("stripe")]
    [InlineData("standard_webhooks")]
    public async Task SameBody_IsStoredTwice_WhenTheMethodSignsATimestampAndTheDeliveryIdsDiffer(string preset)
    {
        var client = await Sources.ClientAsync(app);
        // Stripe's delivery id is the body's $.id; a header lets two deliveries of one body carry different ids.
        var source = await client.CreateAsync(preset == "stripe"
            ? new { name = preset, preset, idempotency = new { header = DeliveryHeader }, mapping = Sources.ContactMapping }
            : new { name = preset, preset, mapping = Sources.ContactMapping });
        var body = Body(preset);

        var first = await Sources.AcceptedAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, NewDeliveryId()));
        app.Clock.Advance(TimeSpan.FromSeconds(30));
        var second = await Sources.AcceptedAsync(app, source.Id(), body, Sign(preset, source.Secret(), body, NewDeliveryId()));

        Assert.Equal([second, first], (await client.RequestsAsync(source.Id())).Select(r => r.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task CopiesSentAtOnceWithDifferentDeliveryIds_StoreOne()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new
        {
            name = "Flood", preset = "hmac", idempotency = new { header = DeliveryHeader }, mapping = Sources.ContactMapping,
        });
        var body = Body("flood");

        var answers = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Sources.SendAsync(app, source.Id(), body, Sign("hmac", source.Secret(), body, NewDeliveryId()))));

        var accepted = Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var firstId = (await accepted.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        foreach (var duplicate in answers.Where(a => a != accepted))
        {
            await AssertDuplicateOfAsync(duplicate, firstId);
        }

        Assert.Equal([firstId], (await client.RequestsAsync(source.Id())).Select(r => r.GetProperty("request_id").GetString()));
    }

    [Fact]
    public async Task BodiesThatLostARepeatedDeliveryId_AreNotHeldAsSeen()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "GitHub", preset = "github", mapping = Sources.ContactMapping });
        var bodies = Enumerable.Range(0, 6).Select(i => Body($"race{i}")).ToArray();
        var delivery = NewDeliveryId();

        // One delivery id, different bodies, at once: one is stored; the others were never received.
        var answers = await Task.WhenAll(bodies.Select(b => Sources.SendAsync(app, source.Id(), b, Sign("github", source.Secret(), b, delivery))));
        var winner = Array.FindIndex(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Accepted);
        var firstId = (await answers[winner].Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetString()!;
        var losers = bodies.Where((_, i) => i != winner).ToArray();
        var resent = await Task.WhenAll(losers.Select(b => Sources.SendAsync(app, source.Id(), b, Sign("github", source.Secret(), b, NewDeliveryId()))));

        foreach (var duplicate in answers.Where((_, i) => i != winner))
        {
            await AssertDuplicateOfAsync(duplicate, firstId);
        }

        Assert.All(resent, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Equal(bodies.Length, (await client.RequestsAsync(source.Id())).Length);
    }

    [Fact]
    public async Task Prune_DeletesHashesOlderThanTheWindow_AndKeepsNewerOnes()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Pruned", preset = "api_key", mapping = Sources.ContactMapping });
        var sourceId = Guid.Parse(source.Id()["src_".Length..]);
        var key = Sign("api_key", source.Secret(), "", null);
        await Sources.AcceptedAsync(app, source.Id(), Body("old"), key);
        app.Clock.Advance(TimeSpan.FromHours(12));
        var recent = await Sources.AcceptedAsync(app, source.Id(), Body("recent"), key);
        app.Clock.Advance(TimeSpan.FromHours(13));

        await using (var scope = app.Scope())
        {
            await scope.ServiceProvider.GetRequiredService<BodyHashPruneJob>().RunAsync(Ct);
        }

        var held = await app.QueryAsync(db =>
            db.All<InboundBodyHash>().Where(h => h.SourceId == sourceId).Select(h => h.RequestId).ToListAsync(Ct));
        Assert.Equal([Guid.Parse(recent["req_".Length..])], held);
        Assert.Equal(2, (await client.RequestsAsync(source.Id())).Length);
    }

    private static async Task AssertDuplicateOfAsync(HttpResponseMessage response, string firstId)
    {
        var text = await response.Content.ReadAsStringAsync(Ct);
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"{(int)response.StatusCode}: {text}");
        var answer = JsonDocument.Parse(text).RootElement;
        Assert.True(answer.GetProperty("duplicate").GetBoolean());
        Assert.Equal(firstId, answer.GetProperty("id").GetString());
    }

    private static string Body(string tag) => $$"""{"email":"{{tag}}-{{Guid.NewGuid():N}}@example.com","name":"Ada"}""";

    private static string NewDeliveryId() => Guid.NewGuid().ToString();

    /// <summary>The sender's headers, with <paramref name="delivery"/> as the delivery id (the provider's header, else ours) when given.</summary>
    private Dictionary<string, string> Sign(string preset, string secret, string body, string? delivery)
    {
        var headers = Signatures.Headers(preset, secret, body, app.Clock.GetUtcNow().ToUnixTimeSeconds(), delivery);
        if (delivery is not null && preset != "standard_webhooks" && Signatures.DeliveryHeader(preset) is null)
        {
            headers[DeliveryHeader] = delivery;
        }

        return headers;
    }
}
