namespace Integrations.Platform.Identity;

public static class AdminRoles
{
    public const string Admin = "Admin";
}
