using System.Globalization;
using Integrations.Webhooks.Subscriptions;

namespace Integrations.Web.Pages.Webhooks;

/// <summary>The throttle fields of the Add Webhook drawer and the detail page; blank is no limit.</summary>
public sealed class ThrottleForm
{
    public string? MaxPerSecond { get; set; }
    public string? MaxInFlight { get; set; }

    public static ThrottleForm Of(ThrottleView view) => new()
    {
        MaxPerSecond = view.MaxPerSecond?.ToString(CultureInfo.InvariantCulture),
        MaxInFlight = view.MaxInFlight?.ToString(CultureInfo.InvariantCulture),
    };

    /// <summary>The limits typed; a field that is not a whole number is added to <paramref name="errors"/> under the API's name.</summary>
    public WebhookThrottle Read(Dictionary<string, string[]> errors) =>
        new(Limit(MaxPerSecond, "throttle.max_per_second", errors), Limit(MaxInFlight, "throttle.max_in_flight", errors));

    private static int? Limit(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        if (int.TryParse(text.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out var value))
        {
            return value;
        }

        errors[field] = ["Give a whole number, or leave it blank for no limit."];
        return null;
    }
}
