using System.Collections.Concurrent;
using System.Text.Json;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound.Connectors;

/// <summary>
/// Another system's "people" API on a <see cref="LocalJsonApi"/>: <c>GET /people</c> answers
/// <c>{"data": [...], "next_cursor": …}</c> two people a page, oldest id first, filtered by <c>updated_since</c> (the
/// people updated at or after it). <see cref="Interrupt"/> answers a request itself instead (a failure, a refusal).
/// </summary>
internal sealed class PeopleApi : IAsyncDisposable
{
    public const int PageSize = 2;
    public const string Long_Ago = "2020-01-01T00:00:00Z";

    private readonly ConcurrentDictionary<int, Person> people = new();

    private PeopleApi(LocalJsonApi api) => Api = api;

    public LocalJsonApi Api { get; }

    public string Url => Api.Url("/people");

    /// <summary>Answers a request in place of the API when it returns an answer; null lets the API answer.</summary>
    public Func<JsonApiRequest, JsonApiAnswer?> Interrupt { get; set; } = _ => null;

    public IReadOnlyList<JsonApiRequest> Requests => Api.Requests.ToList();

    public static async Task<PeopleApi> StartAsync(int count)
    {
        PeopleApi? self = null;
        var api = await LocalJsonApi.StartAsync(request => self!.Answer(request));
        self = new PeopleApi(api);
        for (var id = 1; id <= count; id++)
        {
            self.people[id] = new Person(id, $"person{id}@example.com", $"Person {id}", Long_Ago);
        }

        return self;
    }

    public void Change(int id, string firstName, string updatedAt) => people[id] = people[id] with { FirstName = firstName, UpdatedAt = updatedAt };

    public ValueTask DisposeAsync() => Api.DisposeAsync();

    private JsonApiAnswer Answer(JsonApiRequest request)
    {
        if (Interrupt(request) is { } answer)
        {
            return answer;
        }

        var since = request.Parameter("updated_since");
        var matching = people.Values.Where(p => since is null || string.CompareOrdinal(p.UpdatedAt, since) >= 0).OrderBy(p => p.Id).ToList();
        var offset = int.TryParse(request.Parameter("cursor"), out var given) ? given : 0;
        var page = matching.Skip(offset).Take(PageSize).ToList();
        var next = offset + PageSize < matching.Count ? (offset + PageSize).ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return JsonApiAnswer.Ok(JsonSerializer.Serialize(new
        {
            data = page.Select(p => new { id = p.Id, email = p.Email, first_name = p.FirstName, updated_at = p.UpdatedAt }),
            next_cursor = next,
        }));
    }

    private sealed record Person(int Id, string Email, string FirstName, string UpdatedAt);
}
