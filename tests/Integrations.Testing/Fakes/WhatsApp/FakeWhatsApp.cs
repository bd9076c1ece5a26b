using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Integrations.Testing.Fakes.Meta;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Testing.Fakes.WhatsApp;

/// <summary>
/// The WhatsApp Business Cloud API on loopback (Kestrel, a random port), under <c>/{version}</c> as
/// graph.facebook.com serves it: <c>GET /{phone-number-id}?fields=…</c> (Bearer token, <c>appsecret_proof</c> checked
/// when given) and <c>POST /{phone-number-id}/messages</c> (text within the 24-hour window the fake keeps from what
/// customers wrote, templates it knows with their parameter count). Errors are Graph's: 190 for a token it does not
/// take (HTTP 401), 100/33 for a number the token cannot see, 131047 outside the window, 132001 and 132000 for
/// templates. The webhooks Meta would send come from <see cref="FakeWhatsAppWebhooks"/>, signed with a number's app secret.
/// </summary>
public sealed class FakeWhatsApp(TimeProvider clock) : IAsyncDisposable
{
    public const string Version = "v23.0";

    private readonly ConcurrentDictionary<string, FakeWhatsAppNumber> numbers = new();
    private readonly ConcurrentDictionary<(string Number, string WaId), DateTimeOffset> lastInbound = new();
    private readonly ConcurrentDictionary<(string Name, string Language), int> templates = new();
    private readonly ConcurrentDictionary<string, bool> revoked = new();
    private WebApplication app = null!;

    /// <summary>The API's base, as the catalogue's <c>api</c> URL: <c>http://127.0.0.1:{port}/v23.0</c>.</summary>
    public string ApiUrl { get; private set; } = "";

    public ConcurrentQueue<FakeWhatsAppSent> Sent { get; } = [];

    /// <summary>Every request's method and path, in order (a test counts the calls an action made).</summary>
    public ConcurrentQueue<string> Requests { get; } = [];

    public static async Task<FakeWhatsApp> StartAsync(TimeProvider clock)
    {
        var fake = new FakeWhatsApp(clock);
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0));
        fake.app = builder.Build();
        fake.app.Use(async (context, next) =>
        {
            fake.Requests.Enqueue($"{context.Request.Method} {context.Request.Path}");
            await next(context);
        });
        fake.app.MapGet($"/{Version}/{{id}}", (Func<HttpContext, string, IResult>)fake.PhoneNumber);
        fake.app.MapPost($"/{Version}/{{id}}/messages", (Func<HttpContext, string, Task<IResult>>)fake.SendAsync);
        await fake.app.StartAsync();
        var address = fake.app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        fake.ApiUrl = $"{address.TrimEnd('/')}/{Version}";
        return fake;
    }

    /// <summary>A new business number the fake serves.</summary>
    public FakeWhatsAppNumber AddNumber(string display = "+1 555-010-0100", string verifiedName = "Sentinel Test Shop")
    {
        var number = FakeWhatsAppNumber.New(display, verifiedName);
        numbers[number.Id] = number;
        return number;
    }

    /// <summary>An approved template, with how many body parameters it takes.</summary>
    public void ApproveTemplate(string name, string language, int parameters) => templates[(name, language)] = parameters;

    /// <summary>A new system-user token for the number (the old one keeps working unless revoked).</summary>
    public FakeWhatsAppNumber NewToken(FakeWhatsAppNumber number)
    {
        var renewed = number with { Token = "EAAG" + Guid.NewGuid().ToString("N") + Guid.NewGuid().ToString("N") };
        numbers[number.Id] = renewed;
        return renewed;
    }

    /// <summary>The number's token stops working (the system user was removed): the API answers 190.</summary>
    public void RevokeToken(FakeWhatsAppNumber number) => revoked[number.Token] = true;

    /// <summary>A customer writes to the number now: the window opens at the fake, and this is the webhook Meta posts.</summary>
    public string CustomerWrites(FakeWhatsAppNumber number, string waId, string name, string text, string? id = null)
    {
        var at = clock.GetUtcNow();
        lastInbound[(number.Id, waId)] = at;
        return FakeWhatsAppWebhooks.Message(number, waId, name, text, at, id);
    }

    /// <summary>The customer wrote at <paramref name="at"/> as far as the fake knows (no webhook).</summary>
    public void CustomerWroteAt(FakeWhatsAppNumber number, string waId, DateTimeOffset at) => lastInbound[(number.Id, waId)] = at;

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private IResult PhoneNumber(HttpContext context, string id)
    {
        var token = Bearer(context);
        if (token is null || revoked.ContainsKey(token) || numbers.Values.All(n => n.Token != token))
        {
            return FakeGraphErrors.InvalidToken();
        }

        if (!numbers.TryGetValue(id, out var number) || number.Token != token)
        {
            return FakeGraphErrors.UnknownObject(id);
        }

        if (context.Request.Query["appsecret_proof"].ToString() is { Length: > 0 } proof
            && proof != Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(number.AppSecret), Encoding.UTF8.GetBytes(token))))
        {
            return FakeGraphErrors.InvalidProof();
        }

        var fields = context.Request.Query["fields"].ToString().Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var answer = new JsonObject();
        foreach (var field in fields)
        {
            answer[field] = field switch
            {
                "display_phone_number" => number.Display,
                "verified_name" => number.VerifiedName,
                "quality_rating" => "GREEN",
                _ => null,
            };
        }

        answer["id"] = number.Id;
        return Results.Json(answer);
    }

    private async Task<IResult> SendAsync(HttpContext context, string id)
    {
        var token = Bearer(context);
        if (token is null || revoked.ContainsKey(token) || numbers.Values.All(n => n.Token != token))
        {
            return FakeGraphErrors.InvalidToken();
        }

        if (!numbers.TryGetValue(id, out var number) || number.Token != token)
        {
            return FakeGraphErrors.UnknownObject(id);
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body) as JsonObject;
        }
        catch (System.Text.Json.JsonException)
        {
            body = null;
        }

        if (body is null || (string?)body["messaging_product"] != "whatsapp")
        {
            return FakeGraphErrors.InvalidParameter("The parameter messaging_product is required and must be whatsapp.");
        }

        var to = (string?)body["to"] ?? "";
        var waId = string.Concat(to.Where(char.IsAsciiDigit));
        if (waId.Length < 7)
        {
            return FakeGraphErrors.InvalidParameter("The parameter to is required.");
        }

        var refusal = (string?)body["type"] switch
        {
            "text" => (string?)body["text"]?["body"] is not { Length: > 0 }
                ? FakeGraphErrors.InvalidParameter("The parameter text['body'] is required.")
                : lastInbound.TryGetValue((id, waId), out var wrote) && wrote > clock.GetUtcNow().AddHours(-24) ? null : FakeWhatsAppErrors.ReEngagement(),
            "template" => Template(body["template"] as JsonObject),
            _ => FakeGraphErrors.InvalidParameter("The parameter type is not supported by this fake."),
        };
        if (refusal is not null)
        {
            return refusal;
        }

        var wamid = "wamid." + Convert.ToBase64String(RandomNumberGenerator.GetBytes(30));
        Sent.Enqueue(new FakeWhatsAppSent(id, to, waId, wamid, body));
        return Results.Json(new JsonObject
        {
            ["messaging_product"] = "whatsapp",
            ["contacts"] = new JsonArray(new JsonObject { ["input"] = to, ["wa_id"] = waId }),
            ["messages"] = new JsonArray(new JsonObject { ["id"] = wamid, ["message_status"] = "accepted" }),
        });
    }

    private IResult? Template(JsonObject? template)
    {
        var (name, language) = ((string?)template?["name"] ?? "", (string?)template?["language"]?["code"] ?? "");
        if (!templates.TryGetValue((name, language), out var expected))
        {
            return FakeWhatsAppErrors.UnknownTemplate(name, language);
        }

        var given = (template!["components"] as JsonArray)?.OfType<JsonObject>().Where(c => (string?)c["type"] == "body")
            .Sum(c => (c["parameters"] as JsonArray)?.Count ?? 0) ?? 0;
        return given == expected ? null : FakeWhatsAppErrors.ParameterCount(expected, given);
    }

    private static string? Bearer(HttpContext context) =>
        context.Request.Headers.Authorization.ToString() is { } header && header.StartsWith("Bearer ", StringComparison.Ordinal) ? header[7..] : null;
}
