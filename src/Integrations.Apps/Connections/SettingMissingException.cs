namespace Integrations.Apps.Connections;

/// <summary>A sync or an action needs a connection setting the admin has not set (GA4's <c>property_id</c>):
/// <see cref="Exception.Message"/> tells the admin which and where. An action answers it as a 400 naming
/// <c>settings.{name}</c>; a sync ends with it as its error.</summary>
internal sealed class SettingMissingException(string setting, string message) : Exception(message)
{
    public string Setting { get; } = setting;
}
