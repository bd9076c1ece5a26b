using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Primitives;

namespace Integrations.Testing.Fakes.Slack;

/// <summary>
/// Slack's Web API methods the app calls, mapped onto a Slack-style <see cref="FakeOAuthProvider"/> through
/// <see cref="FakeOAuthOptions.Apis"/> (<c>Apis = slack.Map</c>), answering from the workspace of the token's team:
/// <c>chat.postMessage</c> (JSON body) and <c>conversations.list</c> (cursor paging). As Slack does, every answer is
/// HTTP 200 with <c>ok</c>, errors included (<c>channel_not_found</c>, <c>not_in_channel</c>, <c>is_archived</c>,
/// <c>no_text</c>, <c>invalid_blocks</c>, <c>missing_scope</c>…); a 429 with <c>Retry-After</c> comes from
/// <see cref="FakeOAuthProvider.InjectFault"/>.
/// </summary>
public sealed class FakeSlackApi
{
    public const string PostMessagePath = "/api/chat.postMessage";
    public const string ConversationsListPath = "/api/conversations.list";

    /// <summary>Slack truncates longer messages; it refuses those over 40,000 characters.</summary>
    private const int MaxText = 40_000;

    private readonly ConcurrentDictionary<string, FakeSlackWorkspace> workspaces = new();

    /// <summary>The workspace of a team (the connected account's <see cref="FakeAccount.TeamId"/>), made on first use.</summary>
    public FakeSlackWorkspace Workspace(string teamId) => workspaces.GetOrAdd(teamId, id => new FakeSlackWorkspace(id));

    public void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapPost(PostMessagePath, (Func<HttpContext, Task<IResult>>)PostMessageAsync).RequireFakeAccessToken();
        endpoints.MapMethods(ConversationsListPath, ["GET", "POST"], ConversationsList).RequireFakeAccessToken();
    }

    private async Task<IResult> PostMessageAsync(HttpContext context)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("chat:write"))
        {
            return MissingScope(grant, "chat:write");
        }

        if (context.Request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) != true
            || await ReadJsonAsync(context) is not { } body)
        {
            return Error("invalid_json");
        }

        var workspace = Workspace(grant.Account.TeamId);
        var channel = body["channel"] is JsonValue c && c.TryGetValue<string>(out var name) ? workspace.Find(name) : null;
        var text = body["text"] is JsonValue t && t.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;
        var blocks = body["blocks"];
        return channel switch
        {
            null => Error("channel_not_found"),
            { IsArchived: true } => Error("is_archived"),
            { IsMember: false } => Error("not_in_channel"),
            _ when blocks is not null && !ValidBlocks(blocks) => Error("invalid_blocks"),
            _ when text is null && blocks is null => Error("no_text"),
            _ when text?.Length > MaxText => Error("msg_too_long"),
            _ => Posted(workspace, grant, channel, text, blocks as JsonArray, body),
        };
    }

    private static IResult Posted(FakeSlackWorkspace workspace, FakeGrant grant, FakeSlackChannel channel, string? text, JsonArray? blocks, JsonObject body)
    {
        var ts = workspace.NextTs();
        workspace.Messages.Enqueue(new FakeSlackMessage(channel.Id, ts, text, blocks, body));
        var message = new JsonObject
        {
            ["user"] = "U" + grant.Client.Id.Replace(".", "", StringComparison.Ordinal)[..10],
            ["type"] = "message",
            ["ts"] = ts,
            ["text"] = text ?? "",
            ["team"] = workspace.TeamId,
        };
        if (blocks is not null)
        {
            message["blocks"] = blocks.DeepClone();
        }

        return Results.Json(new JsonObject { ["ok"] = true, ["channel"] = channel.Id, ["ts"] = ts, ["message"] = message });
    }

    private IResult ConversationsList(HttpContext context)
    {
        var grant = context.FakeGrant();
        if (!grant.Allows("channels:read"))
        {
            return MissingScope(grant, "channels:read");
        }

        IEnumerable<KeyValuePair<string, StringValues>> query = context.Request.HasFormContentType ? context.Request.Form : context.Request.Query;
        var args = query.ToDictionary(p => p.Key, p => p.Value.ToString());
        var types = args.GetValueOrDefault("types") is { Length: > 0 } given ? given.Split(',') : ["public_channel"];
        if (types.Any(type => type is not ("public_channel" or "private_channel" or "mpim" or "im")))
        {
            return Error("invalid_types");
        }

        var limit = 100;
        if (args.GetValueOrDefault("limit") is { Length: > 0 } l && (!int.TryParse(l, CultureInfo.InvariantCulture, out limit) || limit < 1 || limit > 1000))
        {
            return Error("invalid_limit");
        }

        var excludeArchived = args.GetValueOrDefault("exclude_archived") is "true" or "1";
        var channels = types.Contains("public_channel")
            ? Workspace(grant.Account.TeamId).Channels.Where(c => !excludeArchived || !c.IsArchived).ToList()
            : [];
        var start = 0;
        if (args.GetValueOrDefault("cursor") is { Length: > 0 } cursor)
        {
            start = channels.FindIndex(c => Cursor(c) == cursor);
            if (start < 0)
            {
                return Error("invalid_cursor");
            }
        }

        var page = channels.Skip(start).Take(limit).ToList();
        var next = start + limit < channels.Count ? Cursor(channels[start + limit]) : "";
        return Results.Json(new
        {
            ok = true,
            channels = page.Select(Shape),
            response_metadata = new { next_cursor = next },
        });
    }

    private static object Shape(FakeSlackChannel channel) => new
    {
        id = channel.Id,
        name = channel.Name,
        is_channel = true,
        is_group = false,
        is_im = false,
        is_mpim = false,
        is_private = false,
        created = channel.Created,
        is_archived = channel.IsArchived,
        is_general = channel.Name == "general",
        unlinked = 0,
        name_normalized = channel.Name,
        is_shared = false,
        is_org_shared = false,
        is_pending_ext_shared = false,
        pending_shared = Array.Empty<string>(),
        is_ext_shared = false,
        is_member = channel.IsMember,
        topic = new { value = "", creator = "", last_set = 0 },
        purpose = new { value = "", creator = "", last_set = 0 },
        previous_names = Array.Empty<string>(),
        num_members = 3,
    };

    // Slack's cursors are opaque base64, e.g. "dGVhbTpDMDYxRkE1UEI=" ("team:C061FA5PB"): the next item's id.
    private static string Cursor(FakeSlackChannel channel) => Convert.ToBase64String(Encoding.UTF8.GetBytes("team:" + channel.Id));

    // Block Kit: an array of up to 50 objects, each with a "type".
    private static bool ValidBlocks(JsonNode blocks) =>
        blocks is JsonArray { Count: > 0 and <= 50 } array && array.All(b => b is JsonObject o && o["type"] is JsonValue type && type.TryGetValue<string>(out _));

    private static async Task<JsonObject?> ReadJsonAsync(HttpContext context)
    {
        try
        {
            return await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static IResult MissingScope(FakeGrant grant, string needed) =>
        Results.Json(new { ok = false, error = "missing_scope", needed, provided = string.Join(',', grant.Scopes) });

    private static IResult Error(string error) => Results.Json(new { ok = false, error });
}
