using System.Diagnostics;

namespace Integrations.Testing;

/// <summary>Waiting for something asynchronous to show (a POST to arrive, a row to change), never for a schedule.</summary>
public static class Poll
{
    /// <summary>Reads until <paramref name="done"/> holds and returns that reading; throws after <paramref name="timeout"/>.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan timeout, Func<T, string> failure)
    {
        var stop = Stopwatch.StartNew();
        while (true)
        {
            var value = await read();
            if (done(value))
            {
                return value;
            }

            if (stop.Elapsed > timeout)
            {
                throw new TimeoutException(failure(value));
            }

            await Task.Delay(20);
        }
    }
}
