using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;

namespace Integrations.Web.Hosting;

/// <summary>
/// Who holds the Identity role <see cref="AdminRoles.Operator"/>, which opens <c>/hangfire</c> (every workspace's jobs;
/// workspace owners do not get it). The first admin is given it when created. When <c>Sentinel:Operators</c> lists
/// emails, each start gives it to those accounts and takes it from every other; a listed address without an account is
/// skipped with a warning, and no invitation may create that account (an invitation's link is shown to the owner who
/// made it, so it proves nothing about who holds the address). Holders of the role the dashboard asked for before
/// (<see cref="AdminRoles.Legacy"/>) keep their access as operators.
/// </summary>
internal sealed partial class PlatformOperators(
    UserManager<AdminUser> users, RoleManager<IdentityRole<Guid>> roles, IConfiguration config, ILogger<PlatformOperators> log)
{
    public async Task EnsureRoleAsync()
    {
        if (!await roles.RoleExistsAsync(AdminRoles.Operator))
        {
            await roles.CreateAsync(new IdentityRole<Guid>(AdminRoles.Operator));
        }
    }

    public async Task SyncAsync()
    {
        await EnsureRoleAsync();
        if (await roles.FindByNameAsync(AdminRoles.Legacy) is { } legacy)
        {
            foreach (var user in await users.GetUsersInRoleAsync(AdminRoles.Legacy))
            {
                await users.AddToRoleAsync(user, AdminRoles.Operator);
            }

            await roles.DeleteAsync(legacy);
        }

        var listed = Configured(config);
        if (listed.Count == 0)
        {
            return;
        }

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
    }

    /// <summary>True when <c>Sentinel:Operators</c> lists <paramref name="email"/>.</summary>
    public bool Lists(string email) => Configured(config).Contains(email, StringComparer.OrdinalIgnoreCase);

    /// <summary><c>Sentinel:Operators</c> as a list (<c>Sentinel__Operators__0=…</c>) or one comma-separated value; empty when unset.</summary>
    private static List<string> Configured(IConfiguration config)
    {
        var section = config.GetSection("Sentinel:Operators");
        var values = section.Value is { } single ? [single] : section.GetChildren().Select(c => c.Value ?? "").ToArray();
        return [.. values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))];
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Sentinel:Operators lists {Email}, which has no account; it was skipped")]
    private partial void LogNoAccount(string email);

    [LoggerMessage(Level = LogLevel.Information, Message = "{Email} is a platform operator (Sentinel:Operators)")]
    private partial void LogGranted(string email);

    [LoggerMessage(Level = LogLevel.Warning, Message = "{Email} is no longer a platform operator: Sentinel:Operators does not list it")]
    private partial void LogRevoked(string email);
}
