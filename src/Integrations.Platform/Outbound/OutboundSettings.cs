using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Integrations.Platform.Outbound;

/// <summary>
/// Reads <see cref="OutboundOptions"/> from <c>Sentinel:Outbound</c>, falling back key by key to the deprecated
/// <c>Sentinel:Webhooks:AllowHttp</c> / <c>AllowedPrivateHosts</c>; warns once at start when an old key is still set.
/// </summary>
internal sealed partial class OutboundSettings(IConfiguration config, ILogger<OutboundSettings> log)
    : IConfigureOptions<OutboundOptions>, IHostedService
{
    public const string DeprecatedSection = "Sentinel:Webhooks";

    public void Configure(OutboundOptions options)
    {
        var current = config.GetSection(OutboundOptions.Section);
        var deprecated = config.GetSection(DeprecatedSection);
        options.AllowHttp = (Setting(current, deprecated, nameof(OutboundOptions.AllowHttp)).Get<bool?>()) ?? false;
        options.AllowedPrivateHosts = Setting(current, deprecated, nameof(OutboundOptions.AllowedPrivateHosts)).Get<List<string>>() ?? [];
    }

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var deprecated = config.GetSection(DeprecatedSection);
        foreach (var key in new[] { nameof(OutboundOptions.AllowHttp), nameof(OutboundOptions.AllowedPrivateHosts) })
        {
            if (deprecated.GetSection(key).Exists())
            {
                DeprecatedKey(log, $"{DeprecatedSection}:{key}", $"{OutboundOptions.Section}:{key}");
            }
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private static IConfigurationSection Setting(IConfigurationSection current, IConfigurationSection deprecated, string key) =>
        current.GetSection(key) is { } given && given.Exists() ? given : deprecated.GetSection(key);

    [LoggerMessage(LogLevel.Warning, "{OldKey} is deprecated and will be removed in the next release; use {NewKey}")]
    private static partial void DeprecatedKey(ILogger log, string oldKey, string newKey);
}
