using Integrations.Inbound.Sources;
using Integrations.Inbound.Sources.Requests;
using Integrations.Inbound.Sources.Verification;

namespace Integrations.Web.Pages.Inbound;

/// <summary>How the inbound pages name and colour things, so the list and the log agree.</summary>
internal static class SourceLabels
{
    public static string Method(SourceView source) =>
        VerificationPreset.Find(source.Preset)?.Label ?? source.Verification.Method;

    public static string When(DateTimeOffset? at) => at?.ToUniversalTime().ToString("yyyy-MM-dd HH:mm 'UTC'") ?? "Never";

    public static string Badge(RequestStatus status) => status switch
    {
        RequestStatus.Processed => "badge-ok",
        RequestStatus.Failed => "badge-bad",
        _ => "badge-warn",
    };
}
