using Integrations.Apps.Posts;
using Integrations.Testing;
using Integrations.Testing.Fakes.LinkedIn;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;

namespace Integrations.BrowserTests.Apps;

/// <summary>LinkedIn connected through the consent flow against the fake; a post scheduled on <c>/integrations/posts</c>
/// for now is published by the publisher's run (Hangfire's minutely job, run here as Hangfire would) and shows as
/// published with LinkedIn's post id and link.</summary>
public sealed class LinkedInPostTests(LinkedInPostTests.App app) : IClassFixture<LinkedInPostTests.App>
{
    /// <summary>The browser app with LinkedIn pointed at a LinkedIn-style fake on loopback that also answers the Posts API.</summary>
    public sealed class App : BrowserApp
    {
        private Dictionary<string, string?> settings = [];

        public FakeOAuthProvider Provider { get; private set; } = null!;

        public FakeLinkedIn LinkedIn { get; } = new();

        protected override IReadOnlyDictionary<string, string?> Settings => settings;

        public override async ValueTask InitializeAsync()
        {
            Provider = await FakeOAuthProvider.StartAsync(LinkedIn.Options(TimeProvider.System));
            settings = new Dictionary<string, string?>(LocalReceiver.Settings)
            {
                ["Sentinel:Apps:linkedin:Urls:authorize"] = Provider.AuthorizeUrl,
                ["Sentinel:Apps:linkedin:Urls:token"] = Provider.TokenUrl,
                ["Sentinel:Apps:linkedin:Urls:identity"] = Provider.IdentityUrl,
                ["Sentinel:Apps:linkedin:Urls:api"] = Provider.Url("/"),
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
    public async Task SchedulePost_ThenThePublisherRuns_ShowsItPublishedWithLinkedInsLink()
    {
        var page = await app.SignedInPageAsync();
        await page.GotoAsync("/integrations/apps/linkedin");
        var client = app.Provider.RegisterClient(await page.Locator("#redirect-uri").InnerTextAsync());
        await page.Locator("#client-form input[name=ClientId]").FillAsync(client.Id);
        await page.Locator("#client-form input[name=ClientSecret]").FillAsync(client.Secret);
        await page.GetByRole(AriaRole.Button, new() { Name = "Save client" }).ClickAsync();
        var account = app.Provider.Account = new FakeAccount("ines@ourco.example", "Inês Alves");
        await page.Locator("#connect").ClickAsync();
        await page.Locator("#allow").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("is connected to LinkedIn.");

        await page.GetByRole(AriaRole.Link, new() { Name = "Posts", Exact = true }).ClickAsync();
        var text = $"Our spring release is out {Guid.NewGuid().ToString("N")[..6]}";
        await page.GetByLabel("Account").SelectOptionAsync(new SelectOptionValue { Label = "LinkedIn · Inês Alves" });
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Text", Exact = true }).FillAsync(text);
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Link (optional)" }).FillAsync("https://example.com/spring");
        // The browser's own time zone, as the admin would type the time; the page sends it with its offset.
        await page.GetByLabel("Publish at").FillAsync(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.Local).ToString("yyyy-MM-dd'T'HH:mm"));
        await page.GetByRole(AriaRole.Button, new() { Name = "Schedule post" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("The post is scheduled for");
        var post = page.Locator("#calendar li.post").Filter(new() { HasText = text });
        await Assertions.Expect(post).ToHaveAttributeAsync("data-status", "scheduled");
        Assert.DoesNotContain(app.LinkedIn.Posts, p => p.Commentary == text);

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<PostPublisher>().RunDueAsync(TestContext.Current.CancellationToken);
        }

        await page.ReloadAsync();
        var sent = Assert.Single(app.LinkedIn.Posts, p => p.Commentary == text);
        Assert.Equal($"urn:li:person:{account.LinkedInId}", sent.Author);
        await Assertions.Expect(post).ToHaveAttributeAsync("data-status", "published");
        await Assertions.Expect(post.Locator(".post-published")).ToContainTextAsync(sent.Urn);
        await Assertions.Expect(post.Locator("a.post-url")).ToHaveAttributeAsync("href", $"https://www.linkedin.com/feed/update/{sent.Urn}");
        await Assertions.Expect(post.Locator("form.post-cancel")).ToHaveCountAsync(0);
        await Screenshots.SaveAsync(page, "scheduled-posts");
    }
}
