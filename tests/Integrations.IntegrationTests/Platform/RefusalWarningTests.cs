using System.Globalization;
using System.Net;
using Integrations.ApiKeys.Keys;
using Integrations.IntegrationTests.Inbound.Sources;
using Integrations.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace Integrations.IntegrationTests.Platform;

[CollectionDefinition(nameof(RefusalWarningTests), DisableParallelization = true)]
public sealed class RefusalWarningCollection;

/// <summary>Refused requests are warned about once a minute per client (and source), then summed up, not one line each.</summary>
[Collection(nameof(RefusalWarningTests))]
public sealed class RefusalWarningTests(RefusalWarningTests.App app) : IClassFixture<RefusalWarningTests.App>
{
    private const int Limit = ProxiedSentinelApp.RefusalsPerMinute;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public sealed class App : ProxiedSentinelApp
    {
        public CapturedLog Log { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(Log));
        }
    }

    [Fact]
    public async Task Receive_WarnsOnceAMinute_AndSumsUpTheRest_WhenManyUnverifiedRequestsComeFromOneAddress()
    {
        var client = await Sources.ClientAsync(app);
        var source = await client.CreateAsync(new { name = "Probed", preset = "api_key", mapping = Sources.ContactMapping });
        var sourceGuid = Guid.Parse(source.Id()["src_".Length..]).ToString();
        var address = ProxiedSentinelApp.NewClientAddress();
        var unverified = new Dictionary<string, string> { ["X-Api-Key"] = "not-the-secret", ["X-Forwarded-For"] = address };

        for (var i = 0; i < Limit; i++)
        {
            await (await Sources.SendAsync(app, source.Id(), "{}", unverified)).AssertProblemAsync(HttpStatusCode.Unauthorized);
        }

        var inFirstMinute = app.Log.Warnings("Refused an unverified request", sourceGuid).Count;
        app.Clock.Advance(TimeSpan.FromSeconds(app.SecondsLeftInMinute()));
        await (await Sources.SendAsync(app, source.Id(), "{}", unverified)).AssertProblemAsync(HttpStatusCode.Unauthorized);

        Assert.Equal(1, inFirstMinute);
        Assert.Equal(2, app.Log.Warnings("Refused an unverified request", sourceGuid).Count);
        Assert.Equal((Limit - 1).ToString(CultureInfo.InvariantCulture), (await SummaryAsync(source.Id())).Properties["Refusals"].ToString());
    }

    [Fact]
    public async Task Api_WarnsOnceAMinute_AndSumsUpTheRest_WhenManyBadKeysComeFromOneAddress()
    {
        var address = ProxiedSentinelApp.NewClientAddress();
        for (var i = 0; i < Limit; i++)
        {
            await (await app.ClientFrom(address, KeyFormat.NewKey()).GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("unknown_api_key");
        }

        var inFirstMinute = app.Log.Warnings("Refused an API key", address).Count;
        app.Clock.Advance(TimeSpan.FromSeconds(app.SecondsLeftInMinute()));
        await (await app.ClientFrom(address, KeyFormat.NewKey()).GetAsync("/api/v1/keys", Ct)).AssertKeyRefusedAsync("unknown_api_key");

        Assert.Equal(1, inFirstMinute);
        Assert.Equal(2, app.Log.Warnings("Refused an API key", address).Count);
        Assert.Equal((Limit - 1).ToString(CultureInfo.InvariantCulture), (await SummaryAsync(address)).Properties["Refusals"].ToString());
    }

    /// <summary>The one summary of a minute's suppressed warnings that mentions <paramref name="value"/>; written when
    /// the next minute's first refusal (or the once-in-a-while sweep) finds the minute over.</summary>
    private async Task<Serilog.Events.LogEvent> SummaryAsync(string value) => Assert.Single(await Poll.UntilAsync(
        () => Task.FromResult(app.Log.Warnings("…and", value)),
        found => found.Count > 0,
        TimeSpan.FromSeconds(5),
        _ => $"No summary of the suppressed warnings mentions {value}."));
}
