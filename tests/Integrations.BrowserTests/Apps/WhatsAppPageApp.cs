using Integrations.Testing;
using Integrations.Testing.Fakes.WhatsApp;

namespace Integrations.BrowserTests.Apps;

/// <summary>The browser app with WhatsApp pointed at <see cref="FakeWhatsApp"/> on loopback.</summary>
public sealed class WhatsAppPageApp : BrowserApp
{
    private Dictionary<string, string?> settings = [];

    public FakeWhatsApp WhatsApp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        WhatsApp = await FakeWhatsApp.StartAsync(TimeProvider.System);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings) { ["Sentinel:Apps:whatsapp:Urls:api"] = WhatsApp.ApiUrl };
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await WhatsApp.DisposeAsync();
    }
}
