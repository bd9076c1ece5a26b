using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using Integrations.Platform.Identity;
using Integrations.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using OtpNet;

namespace Integrations.IntegrationTests.Team;

/// <summary>
/// Two-factor sign-in with an authenticator app, the codes made by an independent TOTP implementation (Otp.NET) from the
/// key the page shows: turning it on takes a valid code; then a password alone signs no one in, a code or a recovery
/// code (once) does; turning it off takes the password.
/// </summary>
public sealed partial class TwoFactorTests(SentinelApp app) : IClassFixture<SentinelApp>
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TwoFactor_OnWithAValidCode_ThenEverySignInNeedsACodeOrARecoveryCodeOnce_UntilTurnedOffWithThePassword()
    {
        var email = await app.AddMemberAsync(await app.AdminWorkspaceAsync(), WorkspaceRole.Viewer);
        var client = await app.SignInAsync(email, Members.Password, Ct);
        Assert.Contains("Set up two-factor sign-in", await client.GetStringAsync("/account", Ct), StringComparison.Ordinal);
        var setup = await client.GetStringAsync("/account/two-factor", Ct);
        Assert.Contains("src=\"data:image/png;base64,", setup, StringComparison.Ordinal);
        var totp = new Totp(Base32Encoding.ToBytes(SharedKey().Match(setup).Groups[1].Value.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()));

        using (var wrong = await client.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable",
                   new Dictionary<string, string> { ["Code"] = Wrong(totp) }, Ct))
        {
            Assert.Contains("That code is not valid", await wrong.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.False(await EnabledAsync(email));
        List<string> recovery;
        using (var enabled = await client.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Enable",
                   new Dictionary<string, string> { ["Code"] = totp.ComputeTotp() }, Ct))
        {
            recovery = [.. RecoveryCode().Matches(await enabled.Content.ReadAsStringAsync(Ct)).Select(m => m.Groups[1].Value)];
        }

        Assert.True(await EnabledAsync(email));
        Assert.Equal(10, recovery.Distinct().Count());
        // A password alone: the second step, and nothing else.
        var second = await app.SignInAsync(email, Members.Password, Ct);
        Assert.False(await SignedInAsync(second));
        using (var refused = await second.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = Wrong(totp) }, Ct))
        {
            Assert.Contains("That code is not valid", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.False(await SignedInAsync(second));
        using (var code = await second.PostFormAsync("/Account/LoginWith2fa", new Dictionary<string, string> { ["Code"] = totp.ComputeTotp() }, Ct))
        {
            Assert.Equal(HttpStatusCode.Redirect, code.StatusCode);
        }

        Assert.True(await SignedInAsync(second));

        // A recovery code, typed in lower case without its dash, works once.
        var typed = recovery[3].Replace("-", "", StringComparison.Ordinal).ToLowerInvariant();
        var third = await app.SignInAsync(email, Members.Password, Ct);
        using (await third.PostFormAsync("/Account/LoginWith2fa", "/Account/LoginWith2fa?handler=Recovery",
                   new Dictionary<string, string> { ["RecoveryCode"] = typed }, Ct))
        {
        }

        Assert.True(await SignedInAsync(third));
        Assert.Contains("9 recovery codes left.", await third.GetStringAsync("/account/two-factor", Ct), StringComparison.Ordinal);
        var fourth = await app.SignInAsync(email, Members.Password, Ct);
        using (var used = await fourth.PostFormAsync("/Account/LoginWith2fa", "/Account/LoginWith2fa?handler=Recovery",
                   new Dictionary<string, string> { ["RecoveryCode"] = typed }, Ct))
        {
            Assert.Contains("not valid, or was used already", await used.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.False(await SignedInAsync(fourth));

        // Off, with the password only.
        using (var refused = await client.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Disable",
                   new Dictionary<string, string> { ["Password"] = "not-the-password-at-all" }, Ct))
        {
            Assert.Contains("That is not your password.", await refused.Content.ReadAsStringAsync(Ct), StringComparison.Ordinal);
        }

        Assert.True(await EnabledAsync(email));
        using (await client.PostFormAsync("/account/two-factor", "/account/two-factor?handler=Disable",
                   new Dictionary<string, string> { ["Password"] = Members.Password }, Ct))
        {
        }

        Assert.False(await EnabledAsync(email));
        Assert.True(await SignedInAsync(await app.SignInAsync(email, Members.Password, Ct)));
    }

    private static async Task<bool> SignedInAsync(HttpClient client)
    {
        using var response = await client.GetAsync("/records/contact", Ct);
        return response.StatusCode == HttpStatusCode.OK;
    }

    private async Task<bool> EnabledAsync(string email)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return (await users.FindByEmailAsync(email))!.TwoFactorEnabled;
    }

    /// <summary>A code that is none of those the app accepts now (it allows a few steps either side).</summary>
    private static string Wrong(Totp totp)
    {
        var now = DateTime.UtcNow;
        var accepted = Enumerable.Range(-3, 7).Select(step => totp.ComputeTotp(now.AddSeconds(step * 30))).ToHashSet();
        return Enumerable.Range(0, 100).Select(i => ((int.Parse(accepted.First(), CultureInfo.InvariantCulture) + 1 + i) % 1_000_000).ToString("D6", CultureInfo.InvariantCulture))
            .First(code => !accepted.Contains(code));
    }

    [GeneratedRegex("<code id=\"shared-key\">([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([A-Z0-9]{5}-[A-Z0-9]{5})</code></li>")]
    private static partial Regex RecoveryCode();
}
