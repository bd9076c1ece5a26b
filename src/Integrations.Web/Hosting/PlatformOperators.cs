using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Integrations.Web.Hosting;

/// <summary>
/// Gives the Identity role <see cref="AdminRoles.Operator"/> to the accounts <c>Sentinel:Operators</c> lists by email (by
/// default the first admin's) and takes it from every other account, at each start. Operators open <c>/hangfire</c>,
/// which shows every workspace's jobs; workspace owners do not. A listed address with no account is skipped with a
/// warning: invitation links are shown to the owners who make them, so an address proves nothing until its account exists.
/// </summary>
internal sealed partial class PlatformOperators(
    UserManager<AdminUser> users, RoleManager<IdentityRole<Guid>> roles, IConfiguration config, ILogger<PlatformOperators> log)
{
    public async Task SyncAsync()
    {
        if (!await roles.RoleExistsAsync(AdminRoles.Operator))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(AdminRoles.Operator));
        }

        var listed = Listed(config);
        var wanted = new HashSet<Guid>();
        foreach (var email in listed)
        {
            if (await users.FindByEmailAsync(email) is not { } user)
            {
                LogNoAccount(email);
                continue;
            }

            wanted.Add(user.Id);
            if (!await users.IsInRoleAsync(user, AdminRoles.Operator))
            {
                await users.AddToRoleAsync(user, AdminRoles.Operator);
                LogGranted(email);
            }
        }

        foreach (var user in await users.GetUsersInRoleAsync(AdminRoles.Operator))
        {
            if (!wanted.Contains(user.Id))
            {
                await users.RemoveFromRoleAsync(user, AdminRoles.Operator);
                LogRevoked(user.Email ?? user.Id.ToString());
            }
        }

        if (await roles.FindByNameAsync(AdminRoles.Legacy) is { } legacy)
        {
            await roles.DeleteAsync(legacy);
        }
    }

    /// <summary><c>Sentinel:Operators</c> as a list (<c>Sentinel__Operators__0=…</c>) or one comma-separated value.</summary>
    public static IReadOnlyList<string> Listed(IConfiguration config)
    {
        var section = config.GetSection("Sentinel:Operators");
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "").ToArray();
        var emails = values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).ToList();
        return emails.Count > 0 ? emails : [config["Sentinel:Admin:Email"] ?? AdminSeeder.DefaultEmail];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentinel:Operators lists {Email}, which has no account; it was skipped")]
    private partial void LogNoAccount(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Email} is a platform operator (Sentinel:Operators)")]
    private partial void LogGranted(string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Email} is no longer a platform operator: Sentinel:Operators does not list it")]
    private partial void LogRevoked(string email);
}
