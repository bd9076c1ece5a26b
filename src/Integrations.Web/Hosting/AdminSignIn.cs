using System.Security.Claims;
using Integrations.ApiKeys;
using Integrations.Platform.Callers;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Web.Hosting.Team;
using Microsoft.AspNetCore.Authentication;
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
            // Two-factor sign-in with an authenticator app (TOTP, RFC 6238); the key and recovery codes live in AspNetUserTokens.
            .AddTokenProvider<AuthenticatorTokenProvider<AdminUser>>(TokenOptions.DefaultAuthenticatorProvider)
            .AddClaimsPrincipalFactory<AdminClaimsFactory>();
        services.AddScoped<AdminSeeder>();
        services.AddScoped<PlatformOperators>();
        services.ConfigureApplicationCookie(cookie =>
        {
            cookie.LoginPath = "/Account/Login";
            cookie.AccessDeniedPath = "/Account/AccessDenied";
            cookie.Cookie.Name = "sentinel.auth";
            cookie.Cookie.SameSite = SameSiteMode.Lax;
            // Secure whenever the request came over https (behind a proxy: with ASPNETCORE_FORWARDEDHEADERS_ENABLED), so
            // it never travels in clear once the admin is on https. The default, said out loud.
            cookie.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
            cookie.SlidingExpiration = true;
        });
        services.AddScoped<IClaimsTransformation, WorkspaceRoleClaims>();
        services.AddScoped<WorkspaceSession>();
        services.AddScoped<InvitationMail>();
        // Every minute a session's security stamp is checked against the account's: a password change or "sign out
        // everywhere" ends the other sessions within a minute. The workspace is the session's: when the cookie's claims
        // are made again, it stays.
        services.Configure<SecurityStampValidatorOptions>(options => options.ValidationInterval = TimeSpan.FromMinutes(1));
        services.Configure<SecurityStampValidatorOptions>(options => options.OnRefreshingPrincipal = context =>
        {
            if (context.CurrentPrincipal?.FindFirst(CallerClaims.WorkspaceId) is { } current
                && context.NewPrincipal?.Identity is ClaimsIdentity identity)
            {
                foreach (var claim in identity.FindAll(CallerClaims.WorkspaceId).ToList())
                {
                    identity.RemoveClaim(claim);
                }

                identity.AddClaim(new Claim(CallerClaims.WorkspaceId, current.Value));
            }

            return Task.CompletedTask;
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
