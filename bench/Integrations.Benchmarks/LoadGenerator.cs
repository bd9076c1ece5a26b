using System.Diagnostics;

namespace Integrations.Benchmarks;

/// <summary>A closed-loop load: <c>concurrency</c> workers each send the next request when the last one answers.</summary>
internal static class LoadGenerator
{
    public static async Task RunAsync(Func<HttpClient> clientFor, string path, int concurrency, TimeSpan duration, LoadResult into)
    {
        var stop = Stopwatch.StartNew();
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            using var client = clientFor();
            var latencies = new List<double>(4096);
            long ok = 0, failed = 0;
            while (stop.Elapsed < duration)
            {
                var started = Stopwatch.GetTimestamp();
                using var response = await client.GetAsync(path, HttpCompletionOption.ResponseContentRead);
                latencies.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                if (response.IsSuccessStatusCode)
                {
                    ok++;
                }
                else
                {
                    failed++;
                }
            }

            return (ok, failed, latencies);
        })).ToArray();
        var results = await Task.WhenAll(workers);
        into.Add(results.Sum(r => r.ok), results.Sum(r => r.failed), stop.Elapsed, results.SelectMany(r => r.latencies));
    }
}
