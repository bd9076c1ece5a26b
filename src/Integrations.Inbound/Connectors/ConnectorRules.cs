using System.Text.RegularExpressions;
using Integrations.Inbound.Mapping;
using Integrations.Platform.Outbound;

namespace Integrations.Inbound.Connectors;

/// <summary>What makes a connector valid, for the API and the admin form alike; every error names its field
/// (<c>url</c>, <c>auth.token</c>, <c>pagination.page_param</c>, <c>mapping.fields[2].path</c>).</summary>
internal sealed partial class ConnectorRules(OutboundGuard guard)
{
    public const int MaxNameLength = 200;
    public const int MaxPagesLimit = 1000;

    private static readonly HashSet<string> ReservedHeaders = new(StringComparer.OrdinalIgnoreCase)
    {
        "Host", "Content-Length", "Content-Type", "Transfer-Encoding", "Connection", "Accept", "Accept-Encoding",
    };

    /// <param name="storedAuthType">The auth type whose credentials are stored already (on update), so they may be left out.</param>
    /// <param name="askedAgainBecause">Why stored credentials may not be kept although the auth type is unchanged (the
    /// update sends the request elsewhere or differently), in words for the admin; null when they may.</param>
    public async Task<Dictionary<string, string[]>> ValidateAsync(ConnectorRequest request, string? storedAuthType, CancellationToken ct,
        string? askedAgainBecause = null)
    {
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors.TryAdd(field, [message]);

        if (string.IsNullOrWhiteSpace(request.Name) || request.Name.Trim().Length > MaxNameLength)
        {
            Add("name", $"Give the connector a name of 1 to {MaxNameLength} characters.");
        }

        await CheckUrlAsync(request.Url, Add, ct);
        if (request.Method is not (null or "GET" or "POST"))
        {
            Add("method", "method is GET or POST.");
        }

        if (request.Body is { Length: > 0 } body && !string.IsNullOrWhiteSpace(body) && ConnectorBodies.Problem(body) is { } bodyProblem)
        {
            Add("body", bodyProblem);
        }

        CheckAuth(request.Auth, storedAuthType, askedAgainBecause, Add);
        CheckPath("items_path", request.ItemsPath ?? "$", Add);
        CheckPagination(request.Pagination, Add);
        CheckIncremental(request.Incremental, Add);
        if (CronSchedule.Check(request.Schedule) is { } cronError)
        {
            Add("schedule", cronError);
        }

        if (request.MaxPages is < 1 or > MaxPagesLimit)
        {
            Add("max_pages", $"max_pages is between 1 and {MaxPagesLimit}.");
        }

        foreach (var error in MappingRules.Check(request.Mapping))
        {
            Add(error.Field, error.Message);
        }

        return errors;
    }

    private async Task CheckUrlAsync(string? url, Action<string, string> add, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            add("url", "Give the URL of the API to fetch from.");
        }
        else if (url.Length > 2048 || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri))
        {
            add("url", "The URL is not a valid absolute https:// address.");
        }
        else if (await guard.CheckAsync(uri, ct) is { } reason)
        {
            add("url", reason);
        }
    }

    private static void CheckAuth(ConnectorAuthRequest? auth, string? storedAuthType, string? askedAgainBecause, Action<string, string> add)
    {
        var type = auth?.Type ?? ConnectorAuth.None;
        if (!ConnectorAuth.Types.Contains(type))
        {
            add("auth.type", "auth.type is none, bearer, api_key or basic.");
            return;
        }

        var keep = type == storedAuthType;
        void Require(string field, string? value, string what)
        {
            if (string.IsNullOrEmpty(value) && !keep)
            {
                add($"auth.{field}", askedAgainBecause is null
                    ? $"Give the {what}."
                    : $"{askedAgainBecause}: give the {what} again (stored credentials only go with the request they were given for).");
            }
            else if (value is { Length: > 2000 } || value?.Any(char.IsControl) == true)
            {
                add($"auth.{field}", $"The {what} must be at most 2,000 characters without line breaks.");
            }
        }

        switch (type)
        {
            case ConnectorAuth.Bearer:
                Require("token", auth!.Token, "bearer token");
                break;
            case ConnectorAuth.ApiKey:
                if (string.IsNullOrWhiteSpace(auth!.Header) || !HeaderName().IsMatch(auth.Header.Trim()))
                {
                    add("auth.header", "Give the header the API key goes in, e.g. X-Api-Key.");
                }
                else if (ReservedHeaders.Contains(auth.Header.Trim()))
                {
                    add("auth.header", $"{auth.Header.Trim()} is set by the HTTP client itself; choose the header your API reads the key from.");
                }

                Require("key", auth.Key, "API key");
                break;
            case ConnectorAuth.Basic:
                Require("username", auth!.Username, "user name");
                Require("password", auth.Password, "password");
                if (auth.Username?.Contains(':', StringComparison.Ordinal) == true)
                {
                    add("auth.username", "A Basic user name cannot contain ':'.");
                }

                break;
        }
    }

    private static void CheckPagination(PaginationRequest? pagination, Action<string, string> add)
    {
        var mode = pagination?.Mode ?? Paging.None;
        switch (mode)
        {
            case Paging.None:
                return;
            case Paging.NextUrl:
                CheckPath("pagination.next_url_path", pagination!.NextUrlPath, add);
                return;
            case Paging.PageNumber:
                CheckParameter("pagination.page_param", pagination!.PageParam, add);
                if (pagination.PageSizeParam is { Length: > 0 })
                {
                    CheckParameter("pagination.page_size_param", pagination.PageSizeParam, add);
                }

                if (pagination.PageSize is < 1 or > 10_000)
                {
                    add("pagination.page_size", "page_size is between 1 and 10,000.");
                }

                return;
            case Paging.Cursor:
                CheckParameter("pagination.cursor_param", pagination!.CursorParam, add);
                CheckPath("pagination.cursor_path", pagination.CursorPath, add);
                return;
            default:
                add("pagination.mode", "pagination.mode is none, next_url, page_number or cursor.");
                return;
        }
    }

    private static void CheckIncremental(IncrementalRequest? incremental, Action<string, string> add)
    {
        if (incremental is null)
        {
            return;
        }

        CheckParameter("incremental.param", incremental.Param, add);
        var from = incremental.From ?? IncrementalCursor.RunStart;
        if (!IncrementalCursor.Sources.Contains(from))
        {
            add("incremental.from", "incremental.from is run_start or item_path.");
        }
        else if (from == IncrementalCursor.ItemPath)
        {
            CheckPath("incremental.item_path", incremental.ItemPath, add);
        }
    }

    private static void CheckPath(string field, string? path, Action<string, string> add)
    {
        if (JsonDocumentReader.CheckPath(path) is { } error)
        {
            add(field, error);
        }
        else if (path!.Length > 500)
        {
            add(field, "A JSON path is at most 500 characters long.");
        }
    }

    private static void CheckParameter(string field, string? name, Action<string, string> add)
    {
        if (string.IsNullOrWhiteSpace(name) || name.Length > 100 || !Parameter().IsMatch(name))
        {
            add(field, "Give a query parameter name (letters, digits, and . _ - [ ]), e.g. page or updated_since.");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}$")]
    private static partial Regex HeaderName();

    [GeneratedRegex(@"^[A-Za-z0-9._\-\[\]]{1,100}$")]
    private static partial Regex Parameter();
}
