namespace Integrations.Apps.Providers.Notion;

/// <summary><c>Sentinel:Apps:notion</c>: the <c>Notion-Version</c> (a date) every API call is made with. The sync
/// queries <c>/v1/databases/{id}/query</c>, which versions from 2025-09-03 on replace with data sources: move it on
/// together with the sync.</summary>
internal sealed class NotionOptions
{
    public const string Section = "Sentinel:Apps:notion";

    public string ApiVersion { get; set; } = "2022-06-28";
}
