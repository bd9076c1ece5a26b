using System.Buffers.Text;
using System.Text.Json.Nodes;
using MimeKit;

namespace Integrations.Testing.Fakes.Gmail;

/// <summary>A message resource as <c>messages.get?format=full</c> answers it: the MIME tree as <c>payload</c> parts, each
/// with its headers and its decoded content base64url-encoded in <c>body.data</c> (multipart containers have none).</summary>
internal static class GmailPayload
{
    public static JsonObject Message(FakeMessage message)
    {
        var mime = message.Mime();
        var payload = Part(mime.Body ?? new TextPart("plain"), "", mime.Headers);
        return new JsonObject
        {
            ["id"] = message.Id,
            ["threadId"] = message.ThreadId,
            ["labelIds"] = new JsonArray([.. message.Labels.Select(l => JsonValue.Create(l))]),
            ["snippet"] = Snippet(mime.TextBody),
            ["historyId"] = message.HistoryId.ToString(),
            ["internalDate"] = message.InternalDate.ToUnixTimeMilliseconds().ToString(),
            ["payload"] = payload,
            ["sizeEstimate"] = payload.ToJsonString().Length,
        };
    }

    private static JsonObject Part(MimeEntity entity, string partId, HeaderList? messageHeaders)
    {
        var headers = (messageHeaders ?? []).Where(h => messageHeaders is null || !h.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
            .Concat(entity.Headers);
        var part = new JsonObject
        {
            ["partId"] = partId,
            ["mimeType"] = entity.ContentType.MimeType.ToLowerInvariant(),
            ["filename"] = (entity as MimePart)?.FileName ?? "",
            ["headers"] = new JsonArray([.. headers.Select(h => new JsonObject { ["name"] = h.Field, ["value"] = h.Value.Trim() })]),
        };
        switch (entity)
        {
            case Multipart multipart:
                part["body"] = new JsonObject { ["size"] = 0 };
                part["parts"] = new JsonArray([.. multipart.Select((child, i) => Part(child, partId.Length == 0 ? $"{i}" : $"{partId}.{i}", null))]);
                break;
            case MimePart { Content: { } content }:
                using (var decoded = new MemoryStream())
                {
                    content.DecodeTo(decoded);
                    part["body"] = new JsonObject { ["size"] = decoded.Length, ["data"] = Base64Url.EncodeToString(decoded.ToArray()) };
                }

                break;
            default:
                part["body"] = new JsonObject { ["size"] = 0 };
                break;
        }

        return part;
    }

    private static string Snippet(string? text)
    {
        var flat = string.Join(' ', (text ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        return flat.Length > 100 ? flat[..100] : flat;
    }
}
