using Integrations.Inbound.Connectors;
using Integrations.Inbound.Mapping;
using Integrations.Web.Pages.Shared.Mapping;

namespace Integrations.Web.Pages.Connectors;

/// <summary>The connector form's fields, flat for model binding (the mapping is the shared editor's); to and from the API's
/// <see cref="ConnectorRequest"/>.</summary>
internal sealed class ConnectorForm
{
    public string? Name { get; set; }
    public string? Url { get; set; }
    public string Method { get; set; } = "GET";
    public string? Body { get; set; }
    public string AuthType { get; set; } = "none";
    public string? Token { get; set; }
    public string? Header { get; set; }
    public string? Key { get; set; }
    public string? Username { get; set; }
    public string? Password { get; set; }
    public string ItemsPath { get; set; } = "$.data";
    public string PaginationMode { get; set; } = "none";
    public string? NextUrlPath { get; set; }
    public string? PageParam { get; set; }
    public string? PageSizeParam { get; set; }
    public int? PageSize { get; set; }
    public string? CursorParam { get; set; }
    public string? CursorPath { get; set; }
    public string? IncrementalParam { get; set; }
    public string IncrementalFrom { get; set; } = "run_start";
    public string? IncrementalItemPath { get; set; }
    public string Schedule { get; set; } = "*/15 * * * *";
    public int MaxPages { get; set; } = 100;
    public bool Enabled { get; set; } = true;
    public MappingForm Mapping { get; set; } = new() { UpsertBy = UpsertKey.ExternalId, UpsertPath = "$.id" };

    /// <summary>An item to preview the mapping on; not stored.</summary>
    public string? Sample { get; set; }

    public ConnectorRequest ToRequest() => new()
    {
        Name = Name,
        Url = Url,
        Method = Method,
        Body = Method == "POST" ? Body : null,
        Auth = new ConnectorAuthRequest(AuthType, Token, Header, Key, Username, Password),
        ItemsPath = ItemsPath,
        Pagination = new PaginationRequest(PaginationMode, NextUrlPath, PageParam, PageSizeParam, PageSize, CursorParam, CursorPath),
        Incremental = string.IsNullOrWhiteSpace(IncrementalParam)
            ? null
            : new IncrementalRequest(IncrementalParam.Trim(), IncrementalFrom, IncrementalItemPath),
        Schedule = Schedule,
        Enabled = Enabled,
        MaxPages = MaxPages,
        Mapping = Mapping.ToMapping(),
    };

    public static ConnectorForm From(ConnectorView c) => new()
    {
        Name = c.Name,
        Url = c.Url,
        Method = c.Method,
        Body = c.Body,
        AuthType = c.Auth.Type,
        Header = c.Auth.Header,
        ItemsPath = c.ItemsPath,
        PaginationMode = c.Pagination.Mode ?? "none",
        NextUrlPath = c.Pagination.NextUrlPath,
        PageParam = c.Pagination.PageParam,
        PageSizeParam = c.Pagination.PageSizeParam,
        PageSize = c.Pagination.PageSize,
        CursorParam = c.Pagination.CursorParam,
        CursorPath = c.Pagination.CursorPath,
        IncrementalParam = c.Incremental?.Param,
        IncrementalFrom = c.Incremental?.From ?? "run_start",
        IncrementalItemPath = c.Incremental?.ItemPath,
        Schedule = c.Schedule,
        MaxPages = c.MaxPages,
        Enabled = c.Enabled,
        Mapping = MappingForm.From(c.Mapping),
    };
}
