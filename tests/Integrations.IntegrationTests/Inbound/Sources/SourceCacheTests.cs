using System.Data.Common;
using System.Net;
using System.Net.Http.Json;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.Inbound.Sources;

/// <summary>The receiver reads a source once for a burst of requests, and sees changes made on its instance at once.</summary>
public sealed class SourceCacheTests(SourceCacheTests.App app) : IClassFixture<SourceCacheTests.App>
{
    // A new body each time: these sources' methods sign no timestamp, so a body sent again would be a replay.
    private static string Body => $$"""{"email":"cached-{{Guid.NewGuid():N}}@example.com","name":"Cached"}""";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>The app with every query that reads <c>inbound_sources</c> counted, and no worker (which reads them too).</summary>
    public sealed class App : ClockedSentinelApp
    {
        private int sourceQueries;

        public int SourceQueries => Volatile.Read(ref sourceQueries);

        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:Inbound:Worker"] = "false",
        };

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services =>
                services.ConfigureDbContext<IntegrationsDbContext>(options => options.AddInterceptors(new Counter(this))));
        }

        private sealed class Counter(App app) : DbCommandInterceptor
        {
            public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
                DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
            {
                if (command.CommandText.Contains("FROM inbound_sources", StringComparison.Ordinal))
                {
                    Interlocked.Increment(ref app.sourceQueries);
                }

                return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task Receive_ReadsAnUnknownSourceOnce_WhenABurstOfRequestsArrivesForIt()
    {
        var unknown = PublicId.Format(IdPrefixes.InboundSource, Guid.NewGuid());
        var before = app.SourceQueries;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.NotFound, (await SendAsync(unknown, "any")).StatusCode);
        }

        Assert.Equal(1, app.SourceQueries - before);
    }

    [Fact]
    public async Task Receive_ReadsASourceOnce_WhenABurstOfRequestsArrivesForIt()
    {
        var (_, source) = await SourceAsync();
        var before = app.SourceQueries;

        for (var i = 0; i < 10; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SendAsync(source.Id(), "not-the-secret")).StatusCode);
            Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(source.Id(), source.Secret())).StatusCode);
        }

        Assert.Equal(1, app.SourceQueries - before);
    }

    [Fact]
    public async Task Receive_RefusesAtOnce_WhenTheSourceIsDisabledAfterUse_AndAcceptsAtOnceWhenEnabledAgain()
    {
        var (client, source) = await SourceAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(source.Id(), source.Secret())).StatusCode);

        await PatchAsync(client, source.Id(), new { enabled = false });
        var whileDisabled = await SendAsync(source.Id(), source.Secret());
        await PatchAsync(client, source.Id(), new { enabled = true });
        var enabledAgain = await SendAsync(source.Id(), source.Secret());

        await whileDisabled.AssertProblemAsync(HttpStatusCode.Forbidden);
        Assert.Equal(HttpStatusCode.Accepted, enabledAgain.StatusCode);
    }

    [Fact]
    public async Task Receive_TakesOnlyTheNewSecret_AtOnce_WhenTheSecretIsRotatedAfterUse()
    {
        var (client, source) = await SourceAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(source.Id(), source.Secret())).StatusCode);

        await PatchAsync(client, source.Id(), new { secret = "the-rotated-shared-key" });
        var oldSecret = await SendAsync(source.Id(), source.Secret());
        var newSecret = await SendAsync(source.Id(), "the-rotated-shared-key");

        await oldSecret.AssertProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal(HttpStatusCode.Accepted, newSecret.StatusCode);
    }

    [Fact]
    public async Task Receive_Answers404AtOnce_WhenTheSourceIsDeletedAfterUse()
    {
        var (client, source) = await SourceAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(source.Id(), source.Secret())).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await client.DeleteAsync($"/api/v1/inbound/sources/{source.Id()}", Ct)).StatusCode);
        var afterDelete = await SendAsync(source.Id(), source.Secret());

        await afterDelete.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Receive_Answers404_WhenTheSourceIsDeletedByAnotherInstanceAfterUse()
    {
        var (_, source) = await SourceAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await SendAsync(source.Id(), source.Secret())).StatusCode);

        var id = Guid.ParseExact(source.Id()[(IdPrefixes.InboundSource.Length + 1)..], "N");
        await using (var scope = app.Scope())
        {
            // Straight to the database, as another instance's delete would: this instance still has the source cached.
            await scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>().Database
                .ExecuteSqlAsync($"DELETE FROM inbound_sources WHERE id = {id}", Ct);
        }

        var afterDelete = await SendAsync(source.Id(), source.Secret());
        var again = await SendAsync(source.Id(), source.Secret());

        await afterDelete.AssertProblemAsync(HttpStatusCode.NotFound);
        await again.AssertProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Receive_OnAnotherInstance_SeesAChangeOnceItsCacheTimeHasPassed()
    {
        await using var other = new SecondInstance(app.ConnectionString);
        await other.InitializeAsync();
        var (client, source) = await SourceAsync();
        Assert.Equal(HttpStatusCode.Accepted, (await Sources.SendAsync(other, source.Id(), Body, Key(source.Secret()))).StatusCode);

        await PatchAsync(client, source.Id(), new { enabled = false });
        other.Clock.Advance(TimeSpan.FromSeconds(30));
        var later = await Sources.SendAsync(other, source.Id(), Body, Key(source.Secret()));

        await later.AssertProblemAsync(HttpStatusCode.Forbidden);
    }

    /// <summary>A second instance of the app on the same database, as behind a load balancer, with a clock of its own.</summary>
    private sealed class SecondInstance(string connectionString) : ClockedSentinelApp
    {
        protected override IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
        {
            ["Sentinel:Inbound:Worker"] = "false",
        };

        protected override Task<string> DatabaseAsync() => Task.FromResult(connectionString);
    }

    private async Task<(HttpClient Client, System.Text.Json.JsonElement Source)> SourceAsync()
    {
        var client = await Sources.ClientAsync(app);
        return (client, await client.CreateAsync(new { name = "Cached", preset = "api_key", mapping = Sources.ContactMapping }));
    }

    private static async Task PatchAsync(HttpClient client, string sourceId, object change) =>
        Assert.Equal(HttpStatusCode.OK, (await client.PatchAsJsonAsync($"/api/v1/inbound/sources/{sourceId}", change, Ct)).StatusCode);

    private static Dictionary<string, string> Key(string secret) => new() { ["X-Api-Key"] = secret };

    private Task<HttpResponseMessage> SendAsync(string sourceId, string key) => Sources.SendAsync(app, sourceId, Body, Key(key));
}
