using System.Text.Json.Nodes;
using Integrations.Inbound.Connectors;
using Integrations.Inbound.Mapping;

namespace Integrations.Web.Pages.Connectors;

/// <summary>The connector form's fields, flat for model binding; to and from the API's <see cref="ConnectorRequest"/>.</summary>
public sealed class ConnectorForm
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
    public string Object { get; set; } = "contact";
    public List<FieldRow> Fields { get; set; } = [new(), new(), new()];
    public string UpsertBy { get; set; } = UpsertKey.ExternalId;
    public string? UpsertPath { get; set; } = "$.id";
    public string? Sample { get; set; }

    public RecordMapping Mapping(IReadOnlyList<LinkedMapping> links) => new()
    {
        Object = Object,
        Fields = Fields.Where(f => !string.IsNullOrWhiteSpace(f.Field)).Select(f => f.ToRule()).ToList(),
        Upsert = new UpsertKey { By = UpsertBy, Path = UpsertBy is UpsertKey.Id or UpsertKey.ExternalId ? UpsertPath : null },
        Links = links,
    };

    public ConnectorRequest ToRequest(IReadOnlyList<LinkedMapping> links) => new()
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
        Mapping = Mapping(links),
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
        Object = c.Mapping.Object,
        Fields = [.. c.Mapping.Fields.Select(FieldRow.From), new()],
        UpsertBy = c.Mapping.Upsert.By,
        UpsertPath = c.Mapping.Upsert.Path,
    };
}

/// <summary>One mapping row: target field ← a JSON path, or a fixed value.</summary>
public sealed class FieldRow
{
    public string? Field { get; set; }
    public string Source { get; set; } = "path";
    public string? Text { get; set; }
    public bool Optional { get; set; }

    public FieldRule ToRule() => Source == "value"
        ? new FieldRule { Field = Field!.Trim(), Value = JsonValue.Create(Text ?? "") }
        : new FieldRule { Field = Field!.Trim(), Path = Text?.Trim() ?? "", Optional = Optional };

    public static FieldRow From(FieldRule rule) => rule.Path is not null
        ? new FieldRow { Field = rule.Field, Source = "path", Text = rule.Path, Optional = rule.Optional }
        : new FieldRow { Field = rule.Field, Source = "value", Text = rule.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : rule.Value?.ToJsonString() };
}
