using System.Text.Json.Nodes;
using Integrations.Apps.Actions;
using Integrations.Apps.Calls;
using Integrations.Platform.Data;
using Integrations.Platform.Ids;
using MimeKit;

namespace Integrations.Apps.Providers.Gmail;

/// <summary>Gmail's <c>send_email</c>: sends from the connected mailbox through <c>messages.send</c>, then records the
/// message as an outbound email activity (external id: Gmail's message id, so the sync finds it stored already).</summary>
internal sealed class SendEmail(AppApi api, GmailActivities activities, IntegrationsDbContext db, TimeProvider clock) : IAppAction
{
    public string AppId => "gmail";

    public string ActionId => "send_email";

    public async Task<JsonObject> RunAsync(ActionContext context, JsonObject input, CancellationToken ct)
    {
        var connection = context.Connection;
        var (to, cc) = (Addresses(input["to"]), Addresses(input["cc"]));
        var (subject, text, html) = ((string?)input["subject"] ?? "", (string?)input["text"], (string?)input["html"]);
        var now = clock.GetUtcNow();
        MimeMessage message;
        try
        {
            message = GmailMime.Build(connection.Account, connection.AccountName, to, cc, subject, text, html, now);
        }
        catch (ParseException)
        {
            // The inputs' check allows only plain addresses; one MimeKit still cannot write is Gmail's to refuse in effect.
            throw new ProviderException("An address cannot be written in an email header.", 400);
        }

        string id, threadId;
        using (var sent = await new GmailClient(api, context.App, connection).SendAsync(GmailMime.Raw(message), ct))
        {
            id = sent.RootElement.GetProperty("id").GetString()!;
            threadId = sent.RootElement.TryGetProperty("threadId", out var thread) ? thread.GetString() ?? id : id;
        }

        var email = new GmailEmail(id, threadId, ["SENT"], now, subject, text, html,
        [
            new GmailAddress("from", connection.Account, connection.AccountName),
            .. to.Select(a => new GmailAddress("to", a, null)),
            .. cc.Select(a => new GmailAddress("cc", a, null)),
        ]);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var recorded = await activities.RecordAsync(connection, context.Settings, [email], announce: false, ct);
        await transaction.CommitAsync(ct);
        return new JsonObject
        {
            ["id"] = id,
            ["thread_id"] = threadId,
            ["activity_id"] = PublicId.Format(IdPrefixes.Activity, recorded[0].Id),
        };
    }

    private static List<string> Addresses(JsonNode? node) =>
        node is JsonArray items ? [.. items.Select(i => (string?)i).OfType<string>()] : [];
}
