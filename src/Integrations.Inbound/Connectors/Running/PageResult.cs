using Newtonsoft.Json.Linq;

namespace Integrations.Inbound.Connectors.Running;

/// <summary>A fetched page's JSON, or why there is none. <see cref="RemoteFailure"/> (network, timeout, 5xx, 429)
/// backs the connector off; other failures (401, not JSON, a refused URL) do not, as waiting would not fix them.</summary>
internal sealed record PageResult(JToken? Body, string? Error, bool RemoteFailure, TimeSpan? RetryAfter)
{
    public static PageResult Ok(JToken body) => new(body, null, false, null);

    public static PageResult Remote(string error, TimeSpan? retryAfter = null) => new(null, error, true, retryAfter);

    public static PageResult Refused(string error) => new(null, error, false, null);
}
