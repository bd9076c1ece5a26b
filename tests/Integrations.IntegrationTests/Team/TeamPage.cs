using System.Net;
using System.Text.RegularExpressions;
using Integrations.Platform.Identity;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Team;

/// <summary>The team page as an owner uses it to invite.</summary>
internal static partial class TeamPage
{
    /// <summary>Invites from the team page; the page that follows (HTML-decoded), which shows the link once.</summary>
    public static async Task<string> InviteAsync(HttpClient owner, string email, WorkspaceRole role, CancellationToken ct)
    {
        using var invited = await owner.PostFormAsync("/team", "/team?handler=Invite",
            new Dictionary<string, string> { ["Email"] = email, ["Role"] = role.ToString() }, ct);
        Assert.Equal(HttpStatusCode.Redirect, invited.StatusCode);
        return WebUtility.HtmlDecode(await owner.GetStringAsync("/team", ct));
    }

    /// <summary>The invitation link the page shows; null when it shows none.</summary>
    public static string? LinkShown(string page) => InviteLink().Match(page) is { Success: true } found ? found.Groups[1].Value : null;

    [GeneratedRegex(@"<code id=""invite-link"">([^<]+)</code>")]
    private static partial Regex InviteLink();
}
