using Integrations.Testing;
using Integrations.Testing.Fakes.WhatsApp;

namespace Integrations.IntegrationTests.Apps.WhatsApp;

/// <summary>The app (with a manual clock) whose WhatsApp points at <see cref="FakeWhatsApp"/> on loopback, sharing its clock.</summary>
public sealed class WhatsAppApp : ClockedSentinelApp
{
    private Dictionary<string, string?> settings = [];

    public FakeWhatsApp WhatsApp { get; private set; } = null!;

    protected override IReadOnlyDictionary<string, string?> Settings => settings;

    public override async ValueTask InitializeAsync()
    {
        WhatsApp = await FakeWhatsApp.StartAsync(Clock);
        settings = new Dictionary<string, string?>(LocalReceiver.Settings) { ["Sentinel:Apps:whatsapp:Urls:api"] = WhatsApp.ApiUrl };
        await base.InitializeAsync();
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        await WhatsApp.DisposeAsync();
    }
}
