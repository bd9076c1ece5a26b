using Integrations.Webhooks.Log;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.Web.Pages.Webhooks;

/// <summary>The badge colour of each state, so the list and the detail page colour a webhook alike.</summary>
public static class Badges
{
    public static string For(SubscriptionStatus status) => status switch
    {
        SubscriptionStatus.Active => "badge-ok",
        SubscriptionStatus.Paused => "badge-warn",
        _ => "badge-off",
    };

    public static string For(DeliveryStatus status) => status switch
    {
        DeliveryStatus.Delivered => "badge-ok",
        DeliveryStatus.Failed => "badge-bad",
        _ => "badge-warn",
    };

    /// <summary>2xx green, 4xx and 5xx red, no response grey (1xx and 3xx, which no receiver should send, neutral).</summary>
    public static string ForHttp(int? code) => code switch
    {
        >= 200 and < 300 => "badge-ok",
        >= 400 => "badge-bad",
        null => "badge-off",
        _ => "badge-info",
    };
}
