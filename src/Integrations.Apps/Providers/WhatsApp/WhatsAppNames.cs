namespace Integrations.Apps.Providers.WhatsApp;

/// <summary>Names the WhatsApp app shares: its id, the settings its credential form keeps, the activity channel.</summary>
internal static class WhatsAppNames
{
    public const string AppId = "whatsapp";

    /// <summary>The activities' channel (the inbox filters by it).</summary>
    public const string Channel = "whatsapp";

    public const string PhoneNumberId = "phone_number_id";
    public const string AppSecret = "app_secret";

    /// <summary>Generated per connection, shown on the app page: the admin pastes it into Meta's webhook setup.</summary>
    public const string VerifyToken = "verify_token";

    /// <summary>The custom field of an outbound message activity that holds its delivery status.</summary>
    public const string StatusField = "whatsapp_status";

    /// <summary>How long after a customer's message free-form messages may be sent to them.</summary>
    public static readonly TimeSpan ServiceWindow = TimeSpan.FromHours(24);
}
