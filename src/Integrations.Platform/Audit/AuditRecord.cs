using Integrations.Platform.Data;

namespace Integrations.Platform.Audit;

/// <summary>What a module tells the audit trail; the actor, source and time come from the caller and clock.</summary>
/// <param name="Changes">JSON object of changed fields, or null.</param>
public sealed record AuditRecord(string Action, string ObjectType, string ObjectId, Utf8Json? Changes);
