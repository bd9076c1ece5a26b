namespace Integrations.Web.Hosting.Team;

/// <summary>A page only the workspace's owners may open or post to (members, the workspace's settings); admins and
/// viewers are refused (403).</summary>
[AttributeUsage(AttributeTargets.Class)]
internal sealed class OwnersOnlyAttribute : Attribute;
