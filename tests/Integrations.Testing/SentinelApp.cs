using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Xunit;

namespace Integrations.Testing;

/// <summary>
/// The real app over its own database in the test cluster: one per test class (<c>IClassFixture</c>), so classes
/// run in parallel without seeing each other's data.
/// </summary>
public partial class SentinelApp : WebApplicationFactory<Program>, IAsyncLifetime
{
    public const string AdminEmail = "admin@example.test";
    public const string AdminPassword = "correct-horse-battery-9";

    public string ConnectionString { get; private set; } = "";

    /// <summary>Extra configuration for a test class; keys as in appsettings (<c>Sentinel:Plans:Starter:…</c>).</summary>
    protected virtual IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>();

    public virtual async ValueTask InitializeAsync()
    {
        ConnectionString = await DatabaseAsync();
        // Starting the host applies migrations and seeds the first workspace and admin.
        _ = Services;
    }

    /// <summary>The database this app runs on: a fresh one, unless a subclass shares another instance's.</summary>
    protected virtual Task<string> DatabaseAsync() => PostgresServer.CreateDatabaseAsync(GetType().Name);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        // Explicit, so hosts that are not test projects (the benchmark) find the pages and static files too.
        builder.UseContentRoot(Path.Combine(RepositoryRoot.Path, "src", "Integrations.Web"));
        builder.UseSetting("ConnectionStrings:Sentinel", ConnectionString);
        builder.UseSetting("Sentinel:Admin:Email", AdminEmail);
        builder.UseSetting("Sentinel:Admin:Password", AdminPassword);
        builder.UseSetting("Sentinel:Hangfire:Server", "false");
        // Test databases are thrown away; a class that tests the key ring's protection sets a certificate instead.
        builder.UseSetting("Sentinel:DataProtection:AllowUnprotectedKeys", "true");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }
    }

    public new virtual async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        GC.SuppressFinalize(this);
    }

    /// <summary>
    /// Signs the client in as the seeded admin through the login form, antiforgery token and all, the way a browser
    /// does; the client keeps the cookie (clients from <c>CreateClient</c> handle cookies).
    /// </summary>
    public static async Task SignInAsync(HttpClient client, CancellationToken ct = default)
    {
        var form = await client.GetStringAsync("/Account/Login", ct);
        var token = AntiforgeryToken().Match(form);
        if (!token.Success)
        {
            throw new InvalidOperationException("The login page has no antiforgery token.");
        }

        using var response = await client.PostAsync("/Account/Login", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = AdminEmail,
            ["Password"] = AdminPassword,
            ["__RequestVerificationToken"] = token.Groups[1].Value,
        }), ct);
        // Success redirects away from the form; a failure renders the form again.
        if (response.StatusCode != HttpStatusCode.Redirect && response.RequestMessage?.RequestUri?.AbsolutePath == "/Account/Login")
        {
            throw new InvalidOperationException($"Signing in failed: {(int)response.StatusCode}.");
        }
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();

    /// <summary>A scope over the app's services, for arranging data the way the app itself would.</summary>
    public AsyncServiceScope Scope() => Services.CreateAsyncScope();
}
