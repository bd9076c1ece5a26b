namespace Integrations.Apps.Connections;

/// <summary>When a connection's token runs out for good: one without a refresh token (LinkedIn's member tokens) cannot
/// renew itself, so its expiry is when an admin must have connected the account again.</summary>
internal static class TokenExpiry
{
    /// <summary>The expiry <c>app.connection.expiring</c> was announced for, kept in the connection's settings (hidden
    /// from its views): a reconnect's new expiry is announced again.</summary>
    public const string AnnouncedKey = "_expiring_announced_for";

    /// <summary>Whole days left (0 on the last day); null for a token that renews itself or never expires.</summary>
    public static int? DaysLeft(AppConnection connection, DateTimeOffset now) =>
        connection is { RefreshTokenCiphertext: null, ExpiresAt: { } expires }
            ? (int)Math.Max(0, Math.Floor((expires - now).TotalDays))
            : null;

    public static bool Expired(AppConnection connection, DateTimeOffset now) =>
        connection is { RefreshTokenCiphertext: null, ExpiresAt: { } expires } && expires <= now;
}
