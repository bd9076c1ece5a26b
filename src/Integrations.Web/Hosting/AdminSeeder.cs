using System.Security.Cryptography;
using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Integrations.Platform.Workspaces;
using Microsoft.AspNetCore.Identity;

namespace Integrations.Web.Hosting;

/// <summary>
/// Creates the first admin when there is none: from <c>Sentinel:Admin:Email</c> / <c>Sentinel:Admin:Password</c>,
/// or with a generated password printed once to the console (never to the log sinks).
/// </summary>
internal sealed class AdminSeeder(
    UserManager<AdminUser> users, PlatformOperators operators, IntegrationsDbContext db, TimeProvider clock, IConfiguration config,
    ILogger<AdminSeeder> log)
{
    public async Task EnsureAdminAsync(Workspace workspace, CancellationToken ct)
    {
        if (users.Users.Any())
        {
            return;
        }

        var email = config["Sentinel:Admin:Email"] ?? "admin@sentinel.local";
        var configured = config["Sentinel:Admin:Password"];
        var password = string.IsNullOrEmpty(configured) ? GeneratePassword() : configured;
        var admin = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, WorkspaceId = workspace.Id };
        var created = await users.CreateAsync(admin, password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(
                "Could not create the first admin: " + string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        // The first admin is the platform's first operator, by account (not by an address someone could later claim).
        await operators.EnsureRoleAsync();
        await users.AddToRoleAsync(admin, AdminRoles.Operator);
        db.Add(new WorkspaceMember { WorkspaceId = workspace.Id, UserId = admin.Id, Role = WorkspaceRole.Owner, JoinedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        log.LogInformation("Created the first admin {AdminEmail}", email);
        if (string.IsNullOrEmpty(configured))
        {
            Console.WriteLine();
            Console.WriteLine($"  First admin created. Sign in at /Account/Login as {email} with password: {password}");
            Console.WriteLine("  This password is shown once. Set Sentinel:Admin:Password to choose your own.");
            Console.WriteLine();
        }
    }

    private static string GeneratePassword() =>
        "Sk-" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(18)).Replace('+', 'x').Replace('/', 'y') + "9!";
}
