using Integrations.Testing;
using Integrations.Testing.Fakes.Calendly;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Apps;

/// <summary>Calendly connected through the consent flow against the fakes; a booking then arrives as Calendly's signed
/// webhook and shows as a contact with the meeting on its timeline.</summary>
public sealed class CalendlyConnectTests(CalendlyConnectTests.App app) : IClassFixture<CalendlyConnectTests.App>
{
    /// <summary>The browser app with Calendly pointed at a Calendly-style fake on loopback that also answers its API.</summary>
    public sealed class App : BrowserApp
    {
        private Dictionary<string, string?> settings = [];

        public FakeOAuthProvider Provider { get; private set; } = null!;

        public FakeCalendly Calendly { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => settings;

        public override async ValueTask InitializeAsync()
        {
            Provider = await FakeOAuthProvider.StartAsync(new FakeOAuthOptions(OAuthStyle.Calendly) { Apis = Calendly.Map });
            settings = new Dictionary<string, string?>(LocalReceiver.Settings)
            {
                ["Sentinel:Apps:calendly:Urls:authorize"] = Provider.AuthorizeUrl,
                ["Sentinel:Apps:calendly:Urls:token"] = Provider.TokenUrl,
                ["Sentinel:Apps:calendly:Urls:revoke"] = Provider.RevokeUrl,
                ["Sentinel:Apps:calendly:Urls:identity"] = Provider.IdentityUrl,
                ["Sentinel:Apps:calendly:Urls:api"] = Provider.Url("/"),
            };
            await base.InitializeAsync();
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            await Provider.DisposeAsync();
        }
    }

    [Fact]
    public async Task Connect_ThenABooking_ShowsTheInviteeAsAContactWithTheMeetingOnItsTimeline()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/apps/calendly");
        var client = app.Provider.RegisterClient(await page.Locator("#redirect-uri").InnerTextAsync());
        await page.Locator("#client-form input[name=ClientId]").FillAsync(client.Id);
        await page.Locator("#client-form input[name=ClientSecret]").FillAsync(client.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save client" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is saved");
        var account = app.Provider.Account = new FakeAccount("ines@ourco.example", "Inês Alves", "TCALORG01", "Our Co");

        await page.Locator("#connect").ClickAsync();
        await page.Locator("#allow").ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("ines@ourco.example is connected to Calendly.");
        await Assertions.Expect(page.Locator("#connections article.connection").First).ToContainTextAsync("active");
        var subscription = app.Calendly.SubscriptionOf(account);
        Assert.NotNull(subscription);
        Assert.StartsWith(new Uri(app.BaseUrl, "/api/v1/apps/calendly/webhook?connection=cxn_").ToString(), subscription.CallbackUrl, StringComparison.Ordinal);

        var tag = Guid.NewGuid().ToString("N")[..6];
        var start = new DateTimeOffset(DateTime.UtcNow.Date.AddDays(3).AddHours(15), TimeSpan.Zero);
        var scheduled = new FakeScheduledEvent($"Discovery call {tag}", start, start.AddMinutes(30))
        {
            Location = new { type = "google_conference", status = "pushed", join_url = "https://meet.google.com/abc-defg-hij" },
        };
        scheduled.Hosts.Add(("ines@ourco.example", "Inês Alves"));
        var invitee = new FakeInvitee($"bo.{tag}@customer.example", "Bo Chen") { Answers = [("What should we cover?", "Pricing for 40 seats")] };
        scheduled.Invitees.Add(invitee);
        app.Calendly.Put(account, scheduled);
        Assert.Equal(200, await FakeCalendly.DeliverAsync(FakeCalendly.Delivery(subscription, "invitee.created", scheduled, invitee, DateTimeOffset.UtcNow), TestContext.Current.CancellationToken));

        await page.GotoAsync("/records/contact");
        await page.GetByLabel("Search contacts").FillAsync(invitee.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search" }).ClickAsync();
        await page.Locator("table a[href^='/records/contact/con_']").First.ClickAsync();

        await Assertions.Expect(page.GetByLabel("Email", new() { Exact = true })).ToHaveValueAsync(invitee.Email);
        var meeting = page.Locator("#timeline .timeline-entry[data-kind=meeting]");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);
        await Assertions.Expect(meeting).ToContainTextAsync($"Discovery call {tag}");
        await Assertions.Expect(meeting).ToContainTextAsync("calendly");
        await Assertions.Expect(meeting).ToContainTextAsync("Join: https://meet.google.com/abc-defg-hij");
        await Assertions.Expect(meeting).ToContainTextAsync("Pricing for 40 seats");
        await Screenshots.SaveAsync(page, "calendly-contact-timeline");
    }
}
