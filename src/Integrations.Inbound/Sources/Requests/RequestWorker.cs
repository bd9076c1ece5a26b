using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Inbound.Sources.Requests;

/// <summary>
/// Processes received requests in the background: <c>Workers</c> loops, each taking requests until none waits, then
/// sleeping until this instance receives one or the poll interval passes (requests another instance stored, or left
/// waiting by a crash, are found by the poll).
/// </summary>
internal sealed partial class RequestWorker(
    IServiceScopeFactory scopes, RequestSignal signal, IOptionsMonitor<SourceOptions> options, ILogger<RequestWorker> log)
    : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(Enumerable.Range(0, Math.Max(1, options.CurrentValue.Workers)).Select(_ => LoopAsync(stoppingToken)));

    private async Task LoopAsync(CancellationToken ct)
    {
        while (!ct.IsCancellationRequested)
        {
            try
            {
                while (await ProcessOneAsync(ct))
                {
                }

                await signal.WaitAsync(options.CurrentValue.PollInterval, ct);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                return;
            }
            catch (Exception error)
            {
                // The database may be away for a moment; the requests wait in it meanwhile.
                LoopFailed(error);
                await signal.WaitAsync(options.CurrentValue.PollInterval, CancellationToken.None);
            }
        }
    }

    private async Task<bool> ProcessOneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RequestProcessor>().ProcessNextAsync(ct);
    }

    [LoggerMessage(LogLevel.Warning, "Processing inbound requests failed; trying again at the next poll")]
    private partial void LoopFailed(Exception error);
}
