namespace Integrations.Web.Hosting.Team;

/// <summary>A page about the signed-in person rather than a workspace (their account, a new workspace, the switch):
/// open to every signed-in person, whatever their role, with or without a workspace.</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class WithoutWorkspaceAttribute : Attribute;
