using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace Integrations.Testing;

/// <summary>
/// A browser-like client signed in as the seeded admin: keeps cookies and posts forms with their antiforgery token,
/// the way the admin pages are really used.
/// </summary>
public static partial class AdminSession
{
    public static Task<HttpClient> SignInAsync(this SentinelApp app, CancellationToken ct = default) =>
        app.SignInAsync(SentinelApp.AdminEmail, SentinelApp.AdminPassword, ct);

    /// <summary>A browser-like client signed in as <paramref name="email"/>.</summary>
    public static async Task<HttpClient> SignInAsync(this SentinelApp app, string email, string password, CancellationToken ct = default)
    {
        var client = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });
        var response = await client.PostFormAsync("/Account/Login",
            new Dictionary<string, string> { ["Email"] = email, ["Password"] = password }, ct);
        if (response.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Signing in as {email} answered {(int)response.StatusCode}, not a redirect.");
        }

        return client;
    }

    /// <summary>Opens the page at <paramref name="url"/> and submits its form, as a browser would; redirects are not followed.</summary>
    public static Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url,
        IReadOnlyDictionary<string, string> fields, CancellationToken ct = default) =>
        client.PostFormAsync(url, url, fields, ct);

    /// <summary>Opens the page at <paramref name="url"/> and submits one of its forms to <paramref name="action"/>.</summary>
    public static async Task<HttpResponseMessage> PostFormAsync(this HttpClient client, string url, string action,
        IReadOnlyDictionary<string, string> fields, CancellationToken ct = default)
    {
        var page = await client.GetStringAsync(url, ct);
        var token = AntiforgeryToken().Match(page);
        if (!token.Success)
        {
            throw new InvalidOperationException($"The page at {url} has no form with an antiforgery token.");
        }

        var form = new Dictionary<string, string>(fields) { ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value) };
        using var content = new FormUrlEncodedContent(form);
        return await client.PostAsync(action, content, ct);
    }

    [GeneratedRegex(@"name=""__RequestVerificationToken""[^>]*value=""([^""]+)""")]
    private static partial Regex AntiforgeryToken();
}
