using Npgsql;

namespace Integrations.Platform.Data;

/// <summary>
/// How the background writers (the webhook dispatcher's attempts, the workflow executor's progress) write a batch: on a
/// connection of their own, tried three times a second or two apart, since what waits on it (leases) must not be lost to
/// one dropped connection.
/// </summary>
public static class BatchWrite
{
    private const int Attempts = 3;

    /// <summary>Runs <paramref name="write"/>; returns null once it succeeded, or the last error after the third try
    /// (<paramref name="retrying"/> is told of each one before).</summary>
    public static async Task<Exception?> TryAsync(NpgsqlDataSource dataSource, Func<NpgsqlConnection, Task> write, Action<Exception> retrying)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync();
                await write(connection);
                return null;
            }
            catch (Exception error) when (attempt < Attempts)
            {
                retrying(error);
                await Task.Delay(TimeSpan.FromSeconds(attempt));
            }
            catch (Exception error)
            {
                return error;
            }
        }
    }
}
