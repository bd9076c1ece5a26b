namespace Integrations.Apps.Providers.LinkedIn;

/// <summary><c>Sentinel:Apps:linkedin</c>: the <c>LinkedIn-Version</c> (YYYYMM) the versioned REST APIs are called with.
/// LinkedIn supports a version for at least a year after its release; move it on before it is sunset.</summary>
internal sealed class LinkedInOptions
{
    public const string Section = "Sentinel:Apps:linkedin";

    public string ApiVersion { get; set; } = "202605";
}
