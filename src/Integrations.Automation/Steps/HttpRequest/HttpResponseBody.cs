using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Integrations.Automation.Steps.HttpRequest;

/// <summary>An answer's body as a step's output: parsed JSON when it is JSON, else text; at most 64 KB is read.</summary>
internal static class HttpResponseBody
{
    public const int MaxBytes = 64 * 1024;

    public static async Task<JsonNode?> ReadAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        var buffer = new byte[MaxBytes];
        var read = 0;
        while (read < buffer.Length && await stream.ReadAsync(buffer.AsMemory(read), ct) is > 0 and var n)
        {
            read += n;
        }

        if (read == 0)
        {
            return null;
        }

        var truncated = read == buffer.Length && await stream.ReadAsync(new byte[1], ct) > 0;
        if (!truncated)
        {
            try
            {
                return JsonNode.Parse(buffer.AsSpan(0, read));
            }
            catch (JsonException)
            {
                // Not JSON: kept as text.
            }
        }

        // Postgres text and jsonb cannot hold NUL.
        return JsonValue.Create(Encoding.UTF8.GetString(buffer, 0, read).Replace("\0", "", StringComparison.Ordinal));
    }
}
