using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Schema;

namespace Integrations.Crm.Activities;

/// <summary>
/// Matches a batch's participants to contacts (one query), and, when asked, makes contacts of the unknown ones
/// through the record pipeline (one batch), so they are audited, counted against the plan and announced like any.
/// </summary>
internal sealed class ParticipantMatcher(ActivityLookups lookups, RecordPipeline pipeline)
{
    private const int Attempts = 3;

    public async Task MatchAsync(List<ActivityDraft> drafts, ActivityMatching matching, IReadOnlyList<string> ownDomains,
        CancellationToken ct)
    {
        var participants = drafts.SelectMany(d => d.Participants).ToList();
        for (var attempt = 1; attempt <= Attempts; attempt++)
        {
            var (byEmail, byPhone) = await lookups.ContactsAsync(
                [.. participants.Select(p => p.Email).OfType<string>().Distinct()],
                [.. participants.Select(p => Correspondents.PhoneDigits(p.Phone)).OfType<string>().Distinct()], ct);
            foreach (var participant in participants)
            {
                participant.Match = participant.Email is { } email && byEmail.TryGetValue(email, out var byMail) ? byMail
                    : Correspondents.PhoneDigits(participant.Phone) is { } digits && byPhone.TryGetValue(digits, out var byTel) ? byTel
                    : null;
            }

            var unknown = matching.CreateContacts ? Unknown(participants, ownDomains) : [];
            if (unknown.Count == 0)
            {
                return;
            }

            var result = await pipeline.ApplyAsync(RecordTypes.Contact, [.. unknown.Select(p => p.Command)],
                new RecordBatchOptions(AllOrNothing: false, UpsertBy: "email", ReturnRecords: false), ct);
            if (result.Raced)
            {
                continue; // another sync made one of them meanwhile: look again, and it is known
            }

            // A contact that could not be made (the plan's limit, say) leaves its participant unmatched: the activity
            // is still recorded.
            foreach (var (candidate, outcome) in unknown.Zip(result.Outcomes).Where(c => c.Second.Succeeded))
            {
                var contact = new ActivityLookups.MatchedContact(outcome.Id!.Value, null);
                participants.Where(candidate.Matches).ToList().ForEach(p => p.Match = contact);
            }

            return;
        }
    }

    /// <summary>One new contact per unknown person: by email, else by phone when a name comes with it (a contact needs
    /// an email or a name). Never an automated sender, never someone of the workspace's own domains.</summary>
    private static List<Candidate> Unknown(List<ActivityDraft.Participant> participants, IReadOnlyList<string> ownDomains)
    {
        var candidates = new Dictionary<string, Candidate>(StringComparer.Ordinal);
        foreach (var p in participants.Where(p => p.Match is null))
        {
            var (first, last) = Correspondents.SplitName(p.Name);
            if (p.Email is { } email)
            {
                if (!Correspondents.IsAutomated(email) && !Correspondents.IsOwn(email, ownDomains))
                {
                    candidates.TryAdd("e:" + email, new Candidate(email, null, first, last));
                }
            }
            else if (Correspondents.PhoneDigits(p.Phone) is { } digits && (first ?? last) is not null)
            {
                candidates.TryAdd("p:" + digits, new Candidate(null, p.Phone, first, last));
            }
        }

        return [.. candidates.Values];
    }

    private sealed record Candidate(string? Email, string? Phone, string? First, string? Last)
    {
        /// <summary>Only what is known is given: upserting by email onto a contact made meanwhile clears nothing.</summary>
        public RecordCommand Command
        {
            get
            {
                var fields = new JsonObject();
                foreach (var (name, value) in new[] { ("email", Email), ("phone", Phone), ("first_name", First), ("last_name", Last) })
                {
                    if (value is not null)
                    {
                        fields[name] = value;
                    }
                }

                return new RecordCommand(Email is null ? RecordOperation.Create : RecordOperation.Upsert, null, fields);
            }
        }

        public bool Matches(ActivityDraft.Participant p) => p.Match is null && (Email is not null
            ? p.Email == Email
            : p.Email is null && Correspondents.PhoneDigits(p.Phone) == Correspondents.PhoneDigits(Phone));
    }
}
