using System.Buffers.Text;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using MimeKit;

namespace Integrations.Testing.Fakes.Gmail;

/// <summary>The Gmail API endpoints of <see cref="FakeGmail"/>, each behind the fake's access tokens and Gmail's scopes.</summary>
internal static class GmailEndpoints
{
    private const string Scope = "https://www.googleapis.com/auth/gmail.";
    private static readonly string[] ReadScopes = [Scope + "readonly", Scope + "modify", "https://mail.google.com/"];
    private static readonly string[] SendScopes = [Scope + "send", Scope + "compose", Scope + "modify", "https://mail.google.com/"];

    public static void Map(IEndpointRouteBuilder endpoints, FakeGmail gmail)
    {
        var users = endpoints.MapGroup("/gmail/v1/users/{userId}");
        users.MapGet("/profile", (HttpContext context, string userId) =>
            Read(context, gmail, userId, mailbox => Results.Json(new
            {
                emailAddress = mailbox.Email, messagesTotal = mailbox.Count, threadsTotal = mailbox.Count, historyId = mailbox.HistoryId.ToString(),
            }))).RequireFakeAccessToken();
        users.MapGet("/messages", (HttpContext context, string userId) => Read(context, gmail, userId, mailbox => List(context.Request.Query, mailbox)))
            .RequireFakeAccessToken();
        users.MapGet("/messages/{id}", (HttpContext context, string userId, string id) => Read(context, gmail, userId, mailbox =>
            mailbox.Find(id) is { } message ? Results.Json(GmailPayload.Message(message)) : GmailErrors.NotFound())).RequireFakeAccessToken();
        users.MapGet("/history", (HttpContext context, string userId) => Read(context, gmail, userId, mailbox => History(context.Request.Query, mailbox)))
            .RequireFakeAccessToken();
        users.MapPost("/messages/send", async (HttpContext context, string userId) =>
            Mailbox(context, gmail, userId, SendScopes) is var (mailbox, refusal) && mailbox is null
                ? refusal!
                : await SendAsync(context.Request, mailbox, gmail.Clock)).RequireFakeAccessToken();
    }

    private static IResult Read(HttpContext context, FakeGmail gmail, string userId, Func<FakeMailbox, IResult> answer) =>
        Mailbox(context, gmail, userId, ReadScopes) is var (mailbox, refusal) && mailbox is null ? refusal! : answer(mailbox);

    /// <summary><c>me</c> or the account's own address; the grant must hold one of <paramref name="scopes"/>.</summary>
    private static (FakeMailbox? Mailbox, IResult? Refusal) Mailbox(HttpContext context, FakeGmail gmail, string userId, string[] scopes)
    {
        var grant = context.FakeGrant();
        if (userId != "me" && !userId.Equals(grant.Account.Email, StringComparison.OrdinalIgnoreCase))
        {
            return (null, Results.Json(new { error = new { code = 403, message = $"Delegation denied for {grant.Account.Email}", status = "PERMISSION_DENIED" } },
                statusCode: 403));
        }

        return scopes.Any(grant.Allows) ? (gmail.Mailbox(grant.Account.Email), null) : (null, GmailErrors.InsufficientScopes());
    }

    private static IResult List(IQueryCollection query, FakeMailbox mailbox)
    {
        if (!TryMax(query, out var max))
        {
            return GmailErrors.Invalid("Invalid maxResults");
        }

        FakeMessage? cursor = null;
        if (query["pageToken"].ToString() is { Length: > 0 } token && (cursor = Cursor(token)) is null)
        {
            return GmailErrors.Invalid("Invalid pageToken");
        }

        var (page, estimate, more) = mailbox.List(After(query["q"]), query["includeSpamTrash"] == "true", cursor, max);
        var answer = new JsonObject();
        if (page.Count > 0)
        {
            answer["messages"] = new JsonArray([.. page.Select(m => new JsonObject { ["id"] = m.Id, ["threadId"] = m.ThreadId })]);
        }

        if (more && page.Count > 0)
        {
            answer["nextPageToken"] = Token($"{page[^1].InternalDate.ToUnixTimeMilliseconds()}:{page[^1].Id}");
        }

        answer["resultSizeEstimate"] = estimate;
        return Results.Json(answer);
    }

    private static IResult History(IQueryCollection query, FakeMailbox mailbox)
    {
        if (!long.TryParse(query["startHistoryId"], NumberStyles.None, CultureInfo.InvariantCulture, out var start))
        {
            return GmailErrors.Invalid("Invalid startHistoryId");
        }

        if (!TryMax(query, out var max))
        {
            return GmailErrors.Invalid("Invalid maxResults");
        }

        // A page token carries the history id the page starts after.
        if (query["pageToken"].ToString() is { Length: > 0 } token
            && !long.TryParse(Untoken(token), NumberStyles.None, CultureInfo.InvariantCulture, out start))
        {
            return GmailErrors.Invalid("Invalid pageToken");
        }

        var types = query["historyTypes"].ToString();
        if (mailbox.HistoryAfter(start, max) is not var (added, more))
        {
            return GmailErrors.NotFound();
        }

        var answer = new JsonObject();
        if (added.Count > 0 && (types.Length == 0 || types.Split(',').Contains("messageAdded")))
        {
            answer["history"] = new JsonArray([.. added.Select(m => new JsonObject
            {
                ["id"] = m.HistoryId.ToString(),
                ["messages"] = new JsonArray(new JsonObject { ["id"] = m.Id, ["threadId"] = m.ThreadId }),
                ["messagesAdded"] = new JsonArray(new JsonObject
                {
                    ["message"] = new JsonObject
                    {
                        ["id"] = m.Id, ["threadId"] = m.ThreadId, ["labelIds"] = new JsonArray([.. m.Labels.Select(l => JsonValue.Create(l))]),
                    },
                }),
            })]);
        }

        if (more)
        {
            answer["nextPageToken"] = Token(added[^1].HistoryId.ToString());
        }

        answer["historyId"] = mailbox.HistoryId.ToString();
        return Results.Json(answer);
    }

    private static async Task<IResult> SendAsync(HttpRequest request, FakeMailbox mailbox, TimeProvider clock)
    {
        JsonElement body;
        try
        {
            body = await JsonSerializer.DeserializeAsync<JsonElement>(request.Body);
        }
        catch (JsonException)
        {
            return GmailErrors.Invalid("Invalid JSON payload received.");
        }

        if (body.ValueKind != JsonValueKind.Object || !body.TryGetProperty("raw", out var rawValue) || rawValue.GetString() is not { Length: > 0 } encoded)
        {
            return GmailErrors.Invalid("'raw' RFC822 payload message string or uploading message via /upload/* URL required");
        }

        byte[] raw;
        MimeMessage message;
        try
        {
            raw = Base64Url.DecodeFromChars(encoded.TrimEnd('='));
            message = MimeMessage.Load(new MemoryStream(raw));
        }
        catch (Exception e) when (e is FormatException or ParseException)
        {
            return GmailErrors.Invalid("Invalid value for ByteString: " + (encoded.Length > 20 ? encoded[..20] : encoded));
        }

        if (message.To.Count + message.Cc.Count + message.Bcc.Count == 0)
        {
            return GmailErrors.Invalid("Recipient address required");
        }

        var threadId = body.TryGetProperty("threadId", out var thread) ? thread.GetString() : null;
        mailbox.Sent.Enqueue(message);
        var sent = mailbox.Store(threadId, ["SENT"], clock.GetUtcNow(), null, raw);
        return Results.Json(new { id = sent.Id, threadId = sent.ThreadId, labelIds = new[] { "SENT" } });
    }

    private static bool TryMax(IQueryCollection query, out int max)
    {
        max = 100;
        return query["maxResults"].ToString() is not { Length: > 0 } text
            || (int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out max) && max is > 0 and <= 500);
    }

    /// <summary>The <c>after:</c> of a Gmail search, in Unix seconds (other terms are not faked); as Unix ms.</summary>
    private static long After(string? q) =>
        (q ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries)
            .Where(t => t.StartsWith("after:", StringComparison.Ordinal))
            .Select(t => long.TryParse(t["after:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out var s) ? s * 1000 : long.MinValue)
            .DefaultIfEmpty(long.MinValue).Max();

    private static FakeMessage? Cursor(string token) =>
        Untoken(token)?.Split(':') is [var ms, var id] && long.TryParse(ms, NumberStyles.None, CultureInfo.InvariantCulture, out var at)
            ? new FakeMessage(id, id, [], DateTimeOffset.FromUnixTimeMilliseconds(at), 0, null, null)
            : null;

    private static string Token(string value) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(value));

    private static string? Untoken(string token)
    {
        try
        {
            return Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token));
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
