namespace Integrations.Platform.Identity;

public static class AdminRoles
{
    /// <summary>The platform's operators: the Hangfire dashboard, which sees every workspace's jobs. Not a workspace role.</summary>
    public const string Operator = "Operator";

    /// <summary>The role the dashboard asked for before operators were configured; start-up removes it.</summary>
    public const string Legacy = "Admin";
}
