namespace Integrations.ApiKeys.Authentication;

/// <summary>Why a request's key was refused; each answers 401 with its own code and words.</summary>
internal enum KeyProblem
{
    Missing,
    Malformed,
    Unknown,
    Expired,
    Revoked,
}

internal static class KeyProblems
{
    public static string Code(this KeyProblem problem) => problem switch
    {
        KeyProblem.Missing => "missing_api_key",
        KeyProblem.Malformed => "malformed_api_key",
        KeyProblem.Unknown => "unknown_api_key",
        KeyProblem.Expired => "expired_api_key",
        _ => "revoked_api_key",
    };

    public static string Describe(this KeyProblem problem) => problem switch
    {
        KeyProblem.Missing => "The request has no API key. Send 'Authorization: Bearer sk_...'.",
        KeyProblem.Malformed => "The API key is malformed. Expected 'Authorization: Bearer sk_' followed by 64 lowercase hex characters.",
        KeyProblem.Unknown => "The API key is not known. It may have been deleted, or mistyped.",
        KeyProblem.Expired => "The API key has expired. Generate a new one.",
        _ => "The API key has been revoked. Generate a new one.",
    };
}
