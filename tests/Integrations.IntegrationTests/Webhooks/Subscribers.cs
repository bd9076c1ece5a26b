using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Webhooks;

/// <summary>Arranges webhooks through the API, each test in its own workspace.</summary>
internal static class Subscribers
{
    /// <summary>A global address literal: passes the SSRF guard without DNS.</summary>
    public const string PublicUrl = "https://93.184.215.14/hooks/sentinel";

    public static async Task<HttpClient> NewWorkspaceClientAsync(SentinelApp app, params string[] scopes) =>
        (await app.ClientInNewWorkspaceAsync(scopes)).Client;

    public static async Task<JsonElement> SubscribeAsync(this HttpClient client, string[] events, string url = PublicUrl)
    {
        var response = await client.PostAsJsonAsync("/api/v1/webhooks/subscribe", new { url, events }, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
    }

    public static Guid IdOf(JsonElement webhook) => Guid.Parse(webhook.GetProperty("webhook_id").GetString()!["whk_".Length..]);

    /// <summary>Runs <paramref name="query"/> over the database, ignoring workspace filters.</summary>
    public static async Task<T> QueryAsync<T>(this SentinelApp app, Func<IntegrationsDbContext, Task<T>> query)
    {
        await using var scope = app.Scope();
        return await query(scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>());
    }

    public static IQueryable<T> All<T>(this IntegrationsDbContext db) where T : class => db.Set<T>().IgnoreQueryFilters().AsNoTracking();
}
