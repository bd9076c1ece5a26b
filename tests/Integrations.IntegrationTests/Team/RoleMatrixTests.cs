using System.Net;
using System.Text.RegularExpressions;
using Integrations.Platform.Identity;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// Each role against each admin page and each form post, with the pages and their handlers read from the app: a viewer
/// reads every page, sees no form that changes anything, and every post it makes is refused before the handler runs;
/// owners and admins get the forms.
/// </summary>
public sealed partial class RoleMatrixTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Forms of the nav every signed-in person has: signing out, and the workspace switcher.</summary>
    private static readonly string[] PersonalForms = ["/Account/Logout", "/workspaces/switch"];

    [Fact]
    public async Task Viewer_ReadsEveryPage_WithNoFormThatChangesAnything()
    {
        var viewer = await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer), Members.Password, Ct);
        // The access-denied page answers 403 to everyone, by design.
        var pages = (await AdminPages.ReadAsync(app.Services))
            .Where(p => !p.HasParameters && !p.OwnersOnly && p.Template != "Account/AccessDenied").ToList();
        Assert.Contains(pages, p => p.Template == "integrations/webhooks");

        foreach (var page in pages)
        {
            using var response = await viewer.GetAsync(page.Address(), Ct);
            var location = response.Headers.Location?.OriginalString ?? "";
            Assert.False(response.StatusCode == HttpStatusCode.Forbidden || location.Contains("AccessDenied", StringComparison.Ordinal),
                $"A viewer could not read {page.Address()}: {(int)response.StatusCode} {location}");
            if (response.StatusCode != HttpStatusCode.OK)
            {
                continue;
            }

            var html = await response.Content.ReadAsStringAsync(Ct);
            // Pages about the person (their account, a new workspace) have forms for everyone.
            var forms = PostForm().Matches(html).Select(m => m.Value)
                .Where(form => !page.Personal && !PersonalForms.Any(f => form.Contains($"action=\"{f}\"", StringComparison.Ordinal)));
            Assert.True(!forms.Any(), $"{page.Address()} shows a viewer a form: {forms.FirstOrDefault()}");
            Assert.DoesNotContain("editor-only", html, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Viewer_IsRefusedEveryFormPost_BeforeItsHandlerRuns()
    {
        var viewer = await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer), Members.Password, Ct);
        var pages = await AdminPages.ReadAsync(app.Services);
        var posts = pages.Where(p => !p.Personal)
            .SelectMany(p => p.PostHandlers.Select(h => h.Length == 0 ? p.Address() : $"{p.Address()}?handler={h}")).ToList();
        Assert.True(posts.Count > 30, $"Only {posts.Count} form posts found.");

        foreach (var post in posts)
        {
            // The token comes from the viewer's own page (its sign-out form), so only the role can refuse the post.
            using var response = await viewer.PostFormAsync("/audit", post, new Dictionary<string, string>(), Ct);
            Assert.True(IsRefused(response), $"POST {post} as a viewer answered {(int)response.StatusCode} {response.Headers.Location}");
        }
    }

    [Theory]
    [InlineData(WorkspaceRole.Admin)]
    [InlineData(WorkspaceRole.Owner)]
    public async Task Editors_GetTheForms(WorkspaceRole role)
    {
        var client = await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), role), Members.Password, Ct);

        var webhooks = await client.GetStringAsync("/integrations/webhooks", Ct);
        var records = await client.GetStringAsync("/records/contact", Ct);

        Assert.Contains("data-open-drawer", webhooks, StringComparison.Ordinal);
        Assert.Contains(PostForm().Matches(webhooks), m => !PersonalForms.Any(f => m.Value.Contains(f, StringComparison.Ordinal)));
        Assert.Contains("href=\"/records/contact/new\"", records, StringComparison.Ordinal);
        Assert.Contains($">{role.ToString().ToLowerInvariant()}</span>", records, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Viewer_SeesTheRecordItCannotEdit_AsReadOnlyFields()
    {
        var viewer = await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer), Members.Password, Ct);

        var form = await viewer.GetStringAsync("/records/contact/new", Ct);

        Assert.Contains("<fieldset class=\"read-only\" disabled=\"disabled\">", form, StringComparison.Ordinal);
        Assert.DoesNotContain("__RequestVerificationToken\" type=\"hidden\" value=\"", form.Split("class=\"read-only\"")[1], StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(WorkspaceRole.Admin)]
    [InlineData(WorkspaceRole.Viewer)]
    public async Task OwnersOnlyPages_RefuseEveryoneButOwners_ToReadAndToPost(WorkspaceRole role)
    {
        var client = await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), role), Members.Password, Ct);
        var owners = (await AdminPages.ReadAsync(app.Services)).Where(p => p.OwnersOnly).ToList();
        Assert.Contains(owners, p => p.Template == "team");

        foreach (var page in owners)
        {
            using var read = await client.GetAsync(page.Address(), Ct);
            Assert.True(IsRefused(read), $"GET {page.Address()} as {role} answered {(int)read.StatusCode} {read.Headers.Location}");
            foreach (var handler in page.PostHandlers)
            {
                using var post = await client.PostFormAsync("/audit", $"{page.Address()}?handler={handler}", new Dictionary<string, string>(), Ct);
                Assert.True(IsRefused(post), $"POST {page.Address()}?handler={handler} as {role} answered {(int)post.StatusCode}");
            }
        }

        Assert.DoesNotContain("href=\"/team\"", await client.GetStringAsync("/audit", Ct), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Owner_OpensTheTeamPage_FromTheNav()
    {
        var owner = await app.SignInAsync(await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Owner), Members.Password, Ct);

        Assert.Contains("href=\"/team\"", await owner.GetStringAsync("/audit", Ct), StringComparison.Ordinal);
        using var team = await owner.GetAsync("/team", Ct);
        Assert.Equal(HttpStatusCode.OK, team.StatusCode);
        Assert.Contains(SentinelApp.AdminEmail, await team.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
    }

    private static bool IsRefused(HttpResponseMessage response) =>
        response.StatusCode == HttpStatusCode.Redirect
        && response.Headers.Location?.OriginalString.StartsWith("http://localhost/Account/AccessDenied", StringComparison.Ordinal) == true;

    [GeneratedRegex(@"<form[^>]*method=""post""[^>]*>", RegexOptions.IgnoreCase)]
    private static partial Regex PostForm();
}
