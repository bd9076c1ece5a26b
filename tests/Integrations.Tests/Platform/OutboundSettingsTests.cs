using Integrations.Platform.Outbound;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging.Abstractions;

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

    private static OutboundOptions Read(Dictionary<string, string?> settings)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var options = new OutboundOptions();
        new OutboundSettings(config, NullLogger<OutboundSettings>.Instance).Configure(options);
        return options;
    }
}
