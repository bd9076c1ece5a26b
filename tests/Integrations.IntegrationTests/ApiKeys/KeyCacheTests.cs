using System.Data.Common;
using System.Net;
using Integrations.Platform.Data;
using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.IntegrationTests.ApiKeys;

/// <summary>The app with every query that reads <c>api_keys</c> counted.</summary>
public sealed class KeyQueryCountingApp : SentinelApp
{
    public KeyQueries Queries { get; } = new();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services =>
            services.ConfigureDbContext<IntegrationsDbContext>(options => options.AddInterceptors(Queries)));
    }

    public sealed class KeyQueries : DbCommandInterceptor
    {
        private int count;

        public int Count => Volatile.Read(ref count);

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            if (command.CommandText.Contains("FROM api_keys", StringComparison.Ordinal))
            {
                Interlocked.Increment(ref count);
            }

            return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
        }
    }
}

public sealed class KeyCacheTests(KeyQueryCountingApp app) : IClassFixture<KeyQueryCountingApp>
{
    [Fact]
    public async Task Authentication_ReadsTheKeyOnce_WhenTheSameKeyCallsRepeatedly()
    {
        var ct = TestContext.Current.CancellationToken;
        // crm:read on the keys API: authenticated, rate-limited and refused by scope, with no query of its own.
        var client = app.Client((await Keys.IssueAsync(app, ["crm:read"])).Key);
        var before = app.Queries.Count;

        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v1/keys", ct)).StatusCode);
        }

        Assert.Equal(1, app.Queries.Count - before);
    }
}
