using Integrations.Platform;
using Integrations.Platform.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Integrations.Tests.Platform;

public sealed class OutboundSettingsTests
{
    [Fact]
    public void Configure_ReadsTheOutboundSection()
    {
        var options = Read(new()
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Sentinel:Outbound:AllowedPrivateHosts:1"] = "10.0.0.0/8",
        });

        Assert.True(options.AllowHttp);
        Assert.Equal(["127.0.0.1", "10.0.0.0/8"], options.AllowedPrivateHosts);
    }

    [Fact]
    public void Configure_ReadsTheDeprecatedWebhooksKeys_WhenTheOutboundOnesAreNotSet()
    {
        var options = Read(new()
        {
            ["Sentinel:Webhooks:AllowHttp"] = "true",
            ["Sentinel:Webhooks:AllowedPrivateHosts:0"] = "192.168.1.10",
        });

        Assert.True(options.AllowHttp);
        Assert.Equal(["192.168.1.10"], options.AllowedPrivateHosts);
    }

    [Fact]
    public void Configure_PrefersTheOutboundKeys_WhenBothAreSet()
    {
        var options = Read(new()
        {
            ["Sentinel:Webhooks:AllowHttp"] = "true",
            ["Sentinel:Webhooks:AllowedPrivateHosts:0"] = "192.168.1.10",
            ["Sentinel:Outbound:AllowHttp"] = "false",
            ["Sentinel:Outbound:AllowedPrivateHosts:0"] = "127.0.0.1",
        });

        Assert.False(options.AllowHttp);
        Assert.Equal(["127.0.0.1"], options.AllowedPrivateHosts);
    }

    [Fact]
    public void Configure_AllowsNothingPrivate_WhenNothingIsSet()
    {
        var options = Read([]);

        Assert.False(options.AllowHttp);
        Assert.Empty(options.AllowedPrivateHosts);
    }

    [Fact]
    public void Options_FollowAChangedSetting_ThroughThePlatformsRegistration()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Webhooks:AllowHttp"] = "true",
        }).Build();
        using var services = new ServiceCollection().AddLogging().AddPlatform(config, "Host=127.0.0.1").BuildServiceProvider();
        var options = services.GetRequiredService<IOptionsMonitor<OutboundOptions>>();
        Assert.True(options.CurrentValue.AllowHttp);

        config["Sentinel:Outbound:AllowHttp"] = "false";
        config.Reload();

        Assert.False(options.CurrentValue.AllowHttp);
    }

    [Fact]
    public async Task Start_WarnsOncePerDeprecatedKey_NamingItsReplacement()
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Webhooks:AllowHttp"] = "true",
            ["Sentinel:Webhooks:AllowedPrivateHosts:0"] = "127.0.0.1",
            ["Sentinel:Webhooks:AttemptTimeout"] = "00:00:05",
        }).Build();
        var log = new ListLogger();

        await new OutboundSettings(config, log).StartAsync(TestContext.Current.CancellationToken);

        Assert.Equal(
            ["Sentinel:Webhooks:AllowHttp is deprecated and will be removed in the next release; use Sentinel:Outbound:AllowHttp",
             "Sentinel:Webhooks:AllowedPrivateHosts is deprecated and will be removed in the next release; use Sentinel:Outbound:AllowedPrivateHosts"],
            log.Warnings);
    }

    [Fact]
    public async Task Start_SaysNothing_WhenOnlyTheOutboundKeysAreSet()
    {
        var log = new ListLogger();

        await new OutboundSettings(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sentinel:Outbound:AllowHttp"] = "true",
        }).Build(), log).StartAsync(TestContext.Current.CancellationToken);

        Assert.Empty(log.Warnings);
    }

    private static OutboundOptions Read(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new OutboundOptions();
        new OutboundSettings(config, NullLogger<OutboundSettings>.Instance).Configure(options);
        return options;
    }

    /// <summary>Keeps the warnings written to it, as text.</summary>
    private sealed class ListLogger : ILogger<OutboundSettings>
    {
        public List<string> Warnings { get; } = [];

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (logLevel == LogLevel.Warning)
            {
                Warnings.Add(formatter(state, exception));
            }
        }
    }
}
