using System.Collections.Concurrent;
using System.Text.Json.Nodes;

namespace Integrations.Testing.Fakes.Graph;

/// <summary>
/// One account's mailbox and calendar at the fake Graph: the inbox, sent items and calendar a test fills, what
/// <c>sendMail</c> and <c>POST /me/events</c> received, and the delta state tokens it handed out. Every change gets a
/// version; a delta round returns the changes between two versions, so a round sees each change once.
/// </summary>
public sealed class FakeMailbox(string account, TimeProvider clock)
{
    public const string Inbox = "inbox";
    public const string SentItems = "sentitems";
    public const string Calendar = "calendar";

    private readonly Lock gate = new();
    private readonly Dictionary<(string Collection, string Id), Entry> entries = [];
    private readonly Dictionary<string, (DeltaState State, bool EndOfRound)> tokens = [];
    private readonly ConcurrentDictionary<string, int> initialRounds = new();
    private long version;

    public string Account { get; } = account;

    /// <summary>The <c>sendMail</c> request bodies, in order.</summary>
    public ConcurrentQueue<JsonObject> SentMail { get; } = [];

    /// <summary>The <c>POST /me/events</c> request bodies, in order.</summary>
    public ConcurrentQueue<JsonObject> CreatedEvents { get; } = [];

    public void Receive(params FakeGraphMessage[] messages) => PutMessages(Inbox, messages);

    public void AddSent(params FakeGraphMessage[] messages) => PutMessages(SentItems, messages);

    public void AddEvents(params FakeGraphEvent[] events)
    {
        lock (gate)
        {
            foreach (var e in events)
            {
                Put(Calendar, e.Id, GraphJson.Event(e, Account, clock.GetUtcNow()), null, e.Start, e.End);
            }
        }
    }

    /// <summary>Deletes a message or event: the next delta round shows it under <c>@removed</c>.</summary>
    public void Delete(string id)
    {
        lock (gate)
        {
            foreach (var key in entries.Keys.Where(k => k.Id == id).ToList())
            {
                entries[key] = entries[key] with { Version = ++version, Item = null };
            }
        }
    }

    /// <summary>Forgets every state token handed out, as Exchange does when its token cache drops them: the next
    /// request with one gets 410 Gone, <c>SyncStateNotFound</c>.</summary>
    public void ExpireDeltaTokens()
    {
        lock (gate)
        {
            tokens.Clear();
        }
    }

    /// <summary>Delta rounds of a collection started without a token (a first sync, or a full resync).</summary>
    public int InitialRounds(string collection) => initialRounds.GetValueOrDefault(collection);

    internal DeltaState Start(DeltaState state)
    {
        initialRounds.AddOrUpdate(state.Collection, 1, (_, n) => n + 1);
        lock (gate)
        {
            return state with { Since = 0, UpTo = version, Offset = 0 };
        }
    }

    /// <summary>The state behind a <c>$skiptoken</c> (<paramref name="nextRound"/> false) or a <c>$deltatoken</c>;
    /// null when the mailbox does not know it (never issued, or expired).</summary>
    internal DeltaState? Resume(string collection, string token, bool nextRound)
    {
        lock (gate)
        {
            if (!tokens.TryGetValue(token, out var known) || known.EndOfRound != nextRound || known.State.Collection != collection)
            {
                return null;
            }

            return nextRound ? known.State with { Since = known.State.UpTo, UpTo = version, Offset = 0 } : known.State;
        }
    }

    internal DeltaPage Read(DeltaState state, int pageSize)
    {
        lock (gate)
        {
            var changes = entries.Where(e => e.Key.Collection == state.Collection && e.Value.Version > state.Since && e.Value.Version <= state.UpTo)
                .Select(e => (e.Key.Id, e.Value))
                .Where(e => e.Value.Item is null ? state.Since > 0 : InScope(e.Value, state))
                .OrderBy(e => e.Value.Version).ToList();
            var page = changes.Skip(state.Offset).Take(pageSize)
                .Select(e => e.Value.Item is null ? GraphJson.Removed(e.Id, state.Collection) : GraphJson.Selected(e.Value.Item, state.Select))
                .ToList();
            var more = changes.Count > state.Offset + pageSize;
            var token = GraphIds.Token();
            tokens[token] = more ? (state with { Offset = state.Offset + pageSize }, false) : (state, true);
            return new DeltaPage(page, token, !more);
        }
    }

    internal void Record(string collection, string id, JsonObject item, DateTimeOffset? received, DateTimeOffset? start, DateTimeOffset? end)
    {
        lock (gate)
        {
            Put(collection, id, item, received, start, end);
        }
    }

    private void PutMessages(string folder, FakeGraphMessage[] messages)
    {
        lock (gate)
        {
            foreach (var m in messages)
            {
                Put(folder, m.Id, GraphJson.Message(m, folder, clock.GetUtcNow()), m.ReceivedAt, null, null);
            }
        }
    }

    private void Put(string collection, string id, JsonObject item, DateTimeOffset? received, DateTimeOffset? start, DateTimeOffset? end) =>
        entries[(collection, id)] = new Entry(++version, item, received, start, end);

    private static bool InScope(Entry entry, DeltaState state) =>
        (state.ReceivedFrom is not { } from || entry.Received >= from)
        && (state.WindowStart is not { } windowStart || entry.End > windowStart)
        && (state.WindowEnd is not { } windowEnd || entry.Start < windowEnd);

    private sealed record Entry(long Version, JsonObject? Item, DateTimeOffset? Received, DateTimeOffset? Start, DateTimeOffset? End);
}
