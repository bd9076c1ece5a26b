using Integrations.Platform.Data;
using Integrations.Platform.Identity;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Testing;

/// <summary>People in workspaces, put there directly (as an accepted invitation would).</summary>
public static class Members
{
    public const string Password = "members-password-42";

    /// <summary>A new person, a member of <paramref name="workspaceId"/> in <paramref name="role"/>; their email.</summary>
    public static async Task<string> AddMemberAsync(this SentinelApp app, Guid workspaceId, WorkspaceRole role)
    {
        var email = $"{role.ToString().ToLowerInvariant()}-{Guid.NewGuid().ToString("N")[..8]}@example.test";
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        var user = new AdminUser { UserName = email, Email = email, EmailConfirmed = true, WorkspaceId = workspaceId };
        var created = await users.CreateAsync(user, Password);
        if (!created.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", created.Errors.Select(e => e.Description)));
        }

        await app.JoinAsync(user.Id, workspaceId, role);
        return email;
    }

    /// <summary>Makes an existing person a member of <paramref name="workspaceId"/> in <paramref name="role"/>.</summary>
    public static async Task JoinAsync(this SentinelApp app, Guid userId, Guid workspaceId, WorkspaceRole role)
    {
        await using var scope = app.Scope();
        var db = scope.ServiceProvider.GetRequiredService<IntegrationsDbContext>();
        db.Add(new WorkspaceMember { WorkspaceId = workspaceId, UserId = userId, Role = role, JoinedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
    }

    public static async Task<Guid> UserIdAsync(this SentinelApp app, string email)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return (await users.FindByEmailAsync(email))!.Id;
    }

    /// <summary>The workspace the seeded admin signs in to.</summary>
    public static async Task<Guid> AdminWorkspaceAsync(this SentinelApp app)
    {
        await using var scope = app.Scope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AdminUser>>();
        return (await users.Users.SingleAsync(u => u.Email == SentinelApp.AdminEmail)).WorkspaceId;
    }
}
