using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Integrations.Testing.Fakes.OAuth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace Integrations.Testing.Fakes.Notion;

/// <summary>
/// Notion's API (<c>Notion-Version</c> 2022-06-28) as far as the notion app uses it, on a <see cref="FakeOAuthProvider"/>
/// of the Notion style (map it through <see cref="FakeOAuthOptions.Apis"/>): a database's schema, its query (filter on
/// <c>last_edited_time</c>, sorted by it, paged by <c>start_cursor</c>, at most 100 a page), a page, and creating a page
/// in a database from typed property values. A database or page of another workspace than the token's is 404
/// <c>object_not_found</c>, as one not shared with the integration is; a bad body is 400 <c>validation_error</c>. Errors
/// are <c>{object: "error", status, code, message}</c>. Webhook requests are made as Notion makes them
/// (<see cref="Verification"/>, <see cref="Event"/>).
/// </summary>
public sealed class FakeNotion
{
    private readonly ConcurrentDictionary<string, FakeNotionDatabase> databases = new();
    private readonly ConcurrentDictionary<string, FakeNotionPage> pages = new();

    /// <summary>The query bodies of <c>POST /v1/databases/{id}/query</c>, in order.</summary>
    public ConcurrentQueue<JsonElement> Queries { get; } = [];

    /// <summary>The largest page this fake answers (Notion's is 100), lowered to test paging with a few pages.</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>The <c>Notion-Version</c> header of every API request, in order.</summary>
    public ConcurrentQueue<string> Versions { get; } = [];

    public static string WorkspaceId(FakeAccount account) => Uuid("workspace", account.TeamId);

    public static string BotId(FakeAccount account) => Uuid("bot", account.TeamId);

    public static string UserId(FakeAccount account) => Uuid("user", account.Email);

    public static IResult Error(int status, string code, string message) =>
        Results.Json(new { @object = "error", status, code, message, request_id = Guid.NewGuid().ToString("D") }, statusCode: status);

    public static DateTimeOffset Minute(DateTimeOffset at) => new(at.UtcDateTime.Ticks - at.UtcDateTime.Ticks % TimeSpan.TicksPerMinute, TimeSpan.Zero);

    public void Map(IEndpointRouteBuilder endpoints)
    {
        var api = endpoints.MapGroup("/v1").AddEndpointFilter(async (invocation, next) =>
        {
            Versions.Enqueue(invocation.HttpContext.Request.Headers["Notion-Version"].ToString());
            return string.IsNullOrEmpty(invocation.HttpContext.Request.Headers["Notion-Version"])
                ? Error(400, "missing_version", "Notion-Version header failed validation: Notion-Version header should be defined.")
                : await next(invocation);
        });
        api.MapGet("/databases/{id}", GetDatabase).RequireFakeAccessToken();
        api.MapPost("/databases/{id}/query", QueryAsync).RequireFakeAccessToken();
        api.MapGet("/pages/{id}", GetPage).RequireFakeAccessToken();
        api.MapPost("/pages", CreatePageAsync).RequireFakeAccessToken();
    }

    /// <summary>A database in the account's workspace, shared with the integration.</summary>
    public FakeNotionDatabase AddDatabase(FakeAccount account, string title, IReadOnlyDictionary<string, string> schema)
    {
        var database = new FakeNotionDatabase(Guid.NewGuid().ToString("D"), WorkspaceId(account), title, schema);
        databases[database.Id] = database;
        return database;
    }

    /// <summary>A page of <paramref name="database"/>, last edited at <paramref name="edited"/> (kept to the minute).</summary>
    public FakeNotionPage Put(FakeNotionDatabase database, Dictionary<string, object?> properties, DateTimeOffset edited)
    {
        var page = new FakeNotionPage(Guid.NewGuid().ToString("D"), database.Id, properties, edited);
        pages[page.Id] = page;
        return page;
    }

    public FakeNotionPage? Page(string id) => pages.GetValueOrDefault(Guid.TryParse(id, out var g) ? g.ToString("D") : id);

    public IReadOnlyList<FakeNotionPage> PagesOf(FakeNotionDatabase database) => [.. pages.Values.Where(p => p.DatabaseId == database.Id)];

    /// <summary>The one-time request Notion sends when a subscription is made: the verification token, unsigned.</summary>
    public static FakeNotionDelivery Verification(string token) =>
        new(JsonSerializer.Serialize(new { verification_token = token }), null);

    /// <summary>A page event of the account's workspace (<c>page.created</c>, <c>page.properties_updated</c>…), signed with
    /// <paramref name="token"/> (the subscription's verification token, or another to sign it wrongly).</summary>
    public static FakeNotionDelivery Event(string workspaceId, string type, string pageId, string token, DateTimeOffset at, string? databaseId = null)
    {
        var body = JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["id"] = Guid.NewGuid().ToString("D"),
            ["timestamp"] = FakeNotionShapes.Time(at),
            ["workspace_id"] = workspaceId,
            ["workspace_name"] = "Sentinel Test",
            ["subscription_id"] = Uuid("subscription", workspaceId),
            ["integration_id"] = Uuid("integration", workspaceId),
            ["type"] = type,
            ["authors"] = new[] { new { id = "ee5f0f84-409a-440f-983a-a5315961c6e4", type = "person" } },
            ["attempt_number"] = 1,
            ["entity"] = new { id = pageId, type = "page" },
            ["data"] = new { parent = databaseId is null ? null : new { id = databaseId, type = "database" } },
        });
        return new(body, Sign(token, body));
    }

    public static string Sign(string token, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(token), Encoding.UTF8.GetBytes(body)));

    private IResult GetDatabase(string id, HttpContext context) =>
        Visible(id, context) is { } database ? Results.Json(FakeNotionShapes.Database(database)) : NotFound(id, "database");

    private async Task<IResult> QueryAsync(string id, HttpContext context, CancellationToken ct)
    {
        if (Visible(id, context) is not { } database)
        {
            return NotFound(id, "database");
        }

        JsonElement body;
        try
        {
            body = context.Request.ContentLength is 0 or null && !context.Request.HasJsonContentType()
                ? JsonDocument.Parse("{}").RootElement
                : (await JsonDocument.ParseAsync(context.Request.Body, default, ct)).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(400, "invalid_json", "Error parsing JSON body.");
        }

        Queries.Enqueue(body);
        var size = body.TryGetProperty("page_size", out var s) && s.ValueKind == JsonValueKind.Number ? s.GetInt32() : 100;
        if (size is < 1 or > 100)
        {
            return Error(400, "validation_error", "body failed validation: body.page_size should be ≤ `100`, instead was `" + size + "`.");
        }

        DateTimeOffset? after = null;
        if (body.TryGetProperty("filter", out var filter))
        {
            if (!filter.TryGetProperty("timestamp", out var ts) || ts.GetString() != "last_edited_time"
                || !filter.TryGetProperty("last_edited_time", out var condition) || !condition.TryGetProperty("on_or_after", out var bound)
                || !DateTimeOffset.TryParse(bound.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var since))
            {
                return Error(400, "validation_error", "body failed validation. Fix one: body.filter.last_edited_time.on_or_after should be defined.");
            }

            after = since;
        }

        var ascending = !(body.TryGetProperty("sorts", out var sorts) && sorts.ValueKind == JsonValueKind.Array && sorts.GetArrayLength() > 0
            && sorts[0].TryGetProperty("direction", out var direction) && direction.GetString() == "descending");
        var matching = pages.Values.Where(p => p.DatabaseId == database.Id && !p.InTrash && (after is null || p.LastEditedTime >= Minute(after.Value)));
        var ordered = (ascending ? matching.OrderBy(p => p.LastEditedTime) : matching.OrderByDescending(p => p.LastEditedTime)).ThenBy(p => p.Id).ToList();
        var start = 0;
        if (body.TryGetProperty("start_cursor", out var cursor))
        {
            start = ordered.FindIndex(p => p.Id == cursor.GetString());
            if (start < 0)
            {
                return Error(400, "validation_error", "body failed validation: body.start_cursor should be a valid uuid.");
            }
        }

        size = Math.Min(size, MaxPageSize);
        var slice = ordered.Skip(start).Take(size).ToList();
        var more = start + size < ordered.Count;
        return Results.Json(new Dictionary<string, object?>
        {
            ["object"] = "list",
            ["results"] = slice.Select(p => FakeNotionShapes.Page(p, database)).ToList(),
            ["next_cursor"] = more ? ordered[start + size].Id : null,
            ["has_more"] = more,
            ["type"] = "page_or_database",
            ["page_or_database"] = new { },
        });
    }

    private IResult GetPage(string id, HttpContext context) =>
        Page(id) is { } page && Visible(page.DatabaseId, context) is { } database
            ? Results.Json(FakeNotionShapes.Page(page, database))
            : NotFound(id, "page");

    private async Task<IResult> CreatePageAsync(HttpContext context, CancellationToken ct)
    {
        JsonElement body;
        try
        {
            body = (await JsonDocument.ParseAsync(context.Request.Body, default, ct)).RootElement.Clone();
        }
        catch (JsonException)
        {
            return Error(400, "invalid_json", "Error parsing JSON body.");
        }

        var databaseId = body.TryGetProperty("parent", out var parent) && parent.TryGetProperty("database_id", out var d) ? d.GetString() : null;
        if (databaseId is null)
        {
            return Error(400, "validation_error", "body failed validation: body.parent.database_id should be defined.");
        }

        if (Visible(databaseId, context) is not { } database)
        {
            return NotFound(databaseId, "database");
        }

        var properties = new Dictionary<string, object?>();
        if (body.TryGetProperty("properties", out var given) && given.ValueKind == JsonValueKind.Object)
        {
            foreach (var property in given.EnumerateObject())
            {
                if (!database.Schema.TryGetValue(property.Name, out var type))
                {
                    return Error(400, "validation_error", $"{property.Name} is not a property that exists.");
                }

                var (value, error) = FakeNotionShapes.Plain(type, property.Value);
                if (error is not null)
                {
                    return Error(400, "validation_error", $"body failed validation: body.properties.{property.Name}.{type} {error}");
                }

                properties[property.Name] = value;
            }
        }

        var page = Put(database, properties, DateTimeOffset.UtcNow);
        return Results.Json(FakeNotionShapes.Page(page, database));
    }

    private FakeNotionDatabase? Visible(string id, HttpContext context) =>
        databases.GetValueOrDefault(Guid.TryParse(id, out var g) ? g.ToString("D") : id) is { } database
        && database.WorkspaceId == WorkspaceId(context.FakeGrant().Account) ? database : null;

    private static IResult NotFound(string id, string kind) => Error(404, "object_not_found",
        $"Could not find {kind} with ID: {id}. Make sure the relevant pages and databases are shared with your integration.");

    private static string Uuid(string kind, string seed) => new Guid(SHA256.HashData(Encoding.UTF8.GetBytes($"{kind}:{seed}")).AsSpan(0, 16)).ToString("D");
}
