using System.Buffers;
using System.Text.Json;
using Microsoft.AspNetCore.Http;

namespace Integrations.Apps.Triggers;

/// <summary>Reading a provider's webhook body before anything in it is believed: bounded in size, and parsed only as far
/// as "is it a JSON object". Shared by the Slack, WhatsApp, Zoom and Calendly receivers.</summary>
internal static class WebhookBodies
{
    /// <summary>The body, or null when it is longer than <paramref name="maxBytes"/> (read no further than that).</summary>
    public static async Task<byte[]?> ReadAsync(HttpRequest request, int maxBytes, CancellationToken ct)
    {
        if (request.ContentLength > maxBytes)
        {
            return null;
        }

        while (true)
        {
            var read = await request.BodyReader.ReadAsync(ct);
            if (read.Buffer.Length > maxBytes)
            {
                return null;
            }

            if (read.IsCompleted)
            {
                var body = read.Buffer.ToArray();
                request.BodyReader.AdvanceTo(read.Buffer.End);
                return body;
            }

            request.BodyReader.AdvanceTo(read.Buffer.Start, read.Buffer.End);
        }
    }

    /// <summary>The body's JSON object, or null when it is not one.</summary>
    public static JsonElement? ParseObject(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
