using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Integrations.Platform.Notifications;

/// <summary>
/// Listens on a Postgres NOTIFY channel on a connection of its own, for the life of the app: every notification's
/// payload goes to <c>onNotification</c>; after a dropped connection it reconnects and calls <c>onListening</c> again,
/// so callers can catch up on what they may have missed meanwhile.
/// </summary>
public static partial class PostgresListener
{
    /// <param name="channel">A channel name the code declares as a constant (letters, digits and underscores).</param>
    [SuppressMessage("Security", "CA2100:Review SQL queries for security vulnerabilities",
        Justification = "LISTEN takes no parameters; the channel is one of the modules' constants, checked to be a plain identifier.")]
    public static async Task ListenAsync(string connectionString, string channel, Action<string> onNotification,
        Action onListening, ILogger log, CancellationToken ct)
    {
        if (!PlainIdentifier().IsMatch(channel))
        {
            throw new ArgumentException($"'{channel}' is not a plain channel name.", nameof(channel));
        }

        while (!ct.IsCancellationRequested)
        {
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync(ct);
                connection.Notification += (_, e) => onNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN {channel}", connection))
                {
                    await listen.ExecuteNonQueryAsync(ct);
                }

                onListening();
                while (true)
                {
                    await connection.WaitAsync(ct);
                }
            }
            catch (Exception error) when (error is NpgsqlException or IOException or TimeoutException)
            {
                LostConnection(log, error, channel);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }

    [GeneratedRegex("^[a-z_][a-z0-9_]*$")]
    private static partial Regex PlainIdentifier();

    [LoggerMessage(LogLevel.Warning, "Listening on channel {Channel} failed; reconnecting")]
    private static partial void LostConnection(ILogger log, Exception error, string channel);
}
