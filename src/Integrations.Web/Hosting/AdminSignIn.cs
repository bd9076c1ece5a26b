using Integrations.ApiKeys;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Integrations.Web.Hosting;

internal static class AdminSignIn
{
    private const string Selector = "Sentinel";

    /// <summary>
    /// Identity cookies for the admin UI, API keys for <c>/api</c>: one policy scheme picks per request, so the
    /// caller is known right after authentication and a challenge answers the way each audience expects.
    /// </summary>
    public static IServiceCollection AddAdminSignIn(this IServiceCollection services)
    {
        services.AddIdentity<AdminUser, IdentityRole<Guid>>(options =>
            {
                options.Password.RequiredLength = 12;
                // Length over composition rules, as NIST SP 800-63B advises.
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireDigit = false;
                options.Lockout.MaxFailedAccessAttempts = 10;
                options.User.RequireUniqueEmail = true;
            })
            .AddEntityFrameworkStores<IntegrationsDbContext>()
            .AddClaimsPrincipalFactory<AdminClaimsFactory>();
        services.AddScoped<AdminSeeder>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/Login";
            cookie.Cookie.Name = "sentinel.auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over https (behind a proxy: with ASPNETCORE_FORWARDEDHEADERS_ENABLED), so
            // it never travels in clear once the admin is on https. The default, said out loud.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
        });
        services.AddAuthentication(options =>
            {
                options.DefaultScheme = Selector;
                options.DefaultAuthenticateScheme = Selector;
                options.DefaultChallengeScheme = Selector;
                options.DefaultForbidScheme = Selector;
            })
            .AddPolicyScheme(Selector, "API key or admin cookie", policy => policy.ForwardDefaultSelector = context =>
                context.Request.Path.StartsWithSegments("/api") ? ApiKeyDefaults.Scheme : IdentityConstants.ApplicationScheme);
        return services;
    }
}
