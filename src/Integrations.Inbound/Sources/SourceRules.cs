using System.Text.RegularExpressions;
using Integrations.Inbound.Mapping;
using Integrations.Inbound.Sources.Verification;
using static Integrations.Inbound.Sources.Verification.VerificationMethods;

namespace Integrations.Inbound.Sources;

/// <summary>What makes a source valid, for the page and the API alike; every error names its field.</summary>
internal static partial class SourceRules
{
    public const int MaxNameLength = 200;

    public static Dictionary<string, string[]> Resolve(SourceInput input, InboundSource? current, out SourceDraft draft)
    {
        var errors = new Dictionary<string, string[]>();
        var preset = VerificationPreset.Find(input.Preset);
        if (input.Preset is not null && preset is null)
        {
            errors["preset"] = [$"'{input.Preset}' is not a preset; use {string.Join(", ", VerificationPreset.All.Select(p => p.Name))}."];
        }

        var mappingPreset = MappingPreset.Find(input.MappingPreset ?? "");
        if (input.MappingPreset is not null && mappingPreset is null)
        {
            errors["mapping_preset"] = [$"'{input.MappingPreset}' is not a mapping preset; use {string.Join(", ", MappingPreset.All.Select(p => p.Name))}."];
        }

        var known = preset?.Settings ?? current?.Verification;
        var verification = Merge(input.Verification, known);
        var idempotency = input.Idempotency
            ?? (preset is not null ? new IdempotencyInput(preset.IdempotencyHeader, preset.IdempotencyPath) : null)
            ?? new IdempotencyInput(current?.IdempotencyHeader, current?.IdempotencyPath);
        var mapping = input.Mapping ?? mappingPreset?.Mapping ?? (current is null ? null : RecordMapping.FromJson(current.Mapping));
        draft = new SourceDraft(
            input.Name?.Trim() ?? current?.Name ?? "",
            preset?.Name ?? (input.Verification is null ? current?.Preset : null),
            verification,
            new IdempotencyInput(Blank(idempotency.Header), Blank(idempotency.Path)),
            mapping,
            input.Enabled ?? current?.Enabled ?? true);

        CheckName(draft.Name, errors);
        CheckVerification(draft.Verification, errors);
        CheckSecret(input.Secret, errors);
        CheckIdempotency(draft.Idempotency, errors);
        foreach (var problem in MappingRules.Check(mapping))
        {
            errors[problem.Field] = errors.TryGetValue(problem.Field, out var more) ? [.. more, problem.Message] : [problem.Message];
        }

        return errors;
    }

    /// <summary>The given settings over the known ones (a preset's, or the source's own when the method stays), only the
    /// parts the method uses.</summary>
    private static VerificationSettings Merge(VerificationInput? given, VerificationSettings? known)
    {
        var method = Blank(given?.Method) ?? known?.Method ?? "";
        var same = known?.Method == method ? known : null;
        var header = Blank(given?.Header) ?? same?.Header;
        return method switch
        {
            Hmac => new(method, header, Blank(given?.Encoding) ?? same?.Encoding ?? Hex, given?.Prefix ?? same?.Prefix),
            ApiKey => new(method, header ?? "X-Api-Key"),
            Basic => new(method, Username: Blank(given?.Username) ?? same?.Username),
            _ => new(method),
        };
    }

    private static void CheckName(string name, Dictionary<string, string[]> errors)
    {
        if (name.Length == 0)
        {
            errors["name"] = ["Give the source a name, e.g. Shopify orders."];
        }
        else if (name.Length > MaxNameLength)
        {
            errors["name"] = [$"The name can be at most {MaxNameLength} characters."];
        }
    }

    private static void CheckVerification(VerificationSettings settings, Dictionary<string, string[]> errors)
    {
        if (!All.Contains(settings.Method))
        {
            errors["verification.method"] = [$"Choose a verification method ({string.Join(", ", All)}) or a preset."];
            return;
        }

        if (settings.Method is Hmac or ApiKey && (settings.Header is null || !HeaderName().IsMatch(settings.Header)))
        {
            errors["verification.header"] = ["Give the header that carries the signature or key, e.g. X-Signature."];
        }

        if (settings.Method == Hmac && settings.Encoding is not (Hex or Base64))
        {
            errors["verification.encoding"] = ["encoding is 'hex' or 'base64'."];
        }

        if (settings.Prefix is { Length: > 20 })
        {
            errors["verification.prefix"] = ["The prefix can be at most 20 characters, e.g. sha256=."];
        }

        if (settings.Method == Basic && (settings.Username is not { Length: > 0 and <= 200 } username || username.Contains(':', StringComparison.Ordinal)))
        {
            errors["verification.username"] = ["Give the HTTP Basic username (up to 200 characters, no colon)."];
        }
    }

    private static void CheckSecret(string? secret, Dictionary<string, string[]> errors)
    {
        if (secret is not null && (secret.Length is < 8 or > 500 || secret.Any(char.IsWhiteSpace)))
        {
            errors["secret"] = ["A secret must be 8 to 500 characters without spaces; leave it out to get a generated one."];
        }
    }

    private static void CheckIdempotency(IdempotencyInput idempotency, Dictionary<string, string[]> errors)
    {
        if (idempotency is { Header: not null, Path: not null })
        {
            errors["idempotency"] = ["Take the delivery id from a header or from a body path, not both."];
        }
        else if (idempotency.Header is { } header && !HeaderName().IsMatch(header))
        {
            errors["idempotency.header"] = [$"'{header}' is not a header name."];
        }
        else if (idempotency.Path is { Length: > 200 })
        {
            errors["idempotency.path"] = ["The delivery id path can be at most 200 characters."];
        }
        else if (idempotency.Path is { } path && JsonDocumentReader.CheckPath(path) is { } problem)
        {
            errors["idempotency.path"] = [problem];
        }
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")]
    private static partial Regex HeaderName();
}
