using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Integrations.IntegrationTests.Inbound.Connectors;
using Integrations.IntegrationTests.Inbound.Sources;
using Integrations.Testing;

namespace Integrations.IntegrationTests.Inbound;

/// <summary>
/// The one mapping editor of the source and connector edit pages, over HTTP as a browser posts them: the same rows make
/// the same mapping, the same records, and a saved mapping comes back unchanged through either page.
/// </summary>
public sealed class MappingEditorTests(ConnectorsApp app) : IClassFixture<ConnectorsApp>
{
    private const string PartnerHeader = "X-Partner-Auth";
    private const string PartnerKey = "partner-shared-key-1";

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EditPages_StoreTheSameMapping_WhenSourceAndConnectorGetTheSameRows()
    {
        using var admin = await app.SignInAsync(Ct);
        var rows = Rows(
            ("email", "path", "$.email"),
            ("", "path", ""),
            ("custom_fields.seats", "value", "42"),
            ("job_title", "value", "Buyer"),
            ("custom_fields.price", "value", "19.90"),
            ("custom_fields.trial", "value", "true"),
            ("custom_fields.zip", "value", "02134"),
            ("custom_fields.code", "value", "\"42\""));

        var source = await SaveSourceAsync(admin, rows);
        var connector = await SaveConnectorAsync(admin, rows);

        using var api = await ApiAsync();
        var fromSource = Fields(await SourceMappingAsync(api, source));
        var fromConnector = Fields((await api.ConnectorAsync(connector)).GetProperty("mapping"));
        Assert.Equal(fromSource, fromConnector);
        Assert.Equal(
        [
            ("email", "$.email", JsonValueKind.Undefined, ""),
            ("custom_fields.seats", null, JsonValueKind.Number, "42"),
            ("job_title", null, JsonValueKind.String, "Buyer"),
            ("custom_fields.price", null, JsonValueKind.Number, "19.90"),
            ("custom_fields.trial", null, JsonValueKind.True, "true"),
            ("custom_fields.zip", null, JsonValueKind.String, "02134"),
            ("custom_fields.code", null, JsonValueKind.String, "42"),
        ], fromSource);
    }

    [Fact]
    public async Task SavedMappings_WriteFixed42AsTextToJobTitle_AndAsNumberToACustomField_FromSourceAndConnector()
    {
        using var admin = await app.SignInAsync(Ct);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var rows = Rows(("email", "path", "$.email"), ("job_title", "value", "42"), ("custom_fields.seats", "value", "42"));
        await using var people = await LocalJsonApi.StartAsync(_ =>
            JsonApiAnswer.Ok(JsonSerializer.Serialize(new { data = new[] { new { id = 1, email = $"pulled-{tag}@example.com" } } })));
        var source = await SaveSourceAsync(admin, rows);
        var connector = await SaveConnectorAsync(admin, rows, people.Url("/people"));
        using var api = await ApiAsync();

        var request = await Sources.Sources.AcceptedAsync(app, source, $$"""{"email": "sent-{{tag}}@example.com"}""",
            new Dictionary<string, string> { [PartnerHeader] = PartnerKey });
        var processed = await api.ProcessedAsync(source, request);
        var run = await app.RunNowAsync(api, connector);

        Assert.Equal("processed", processed.GetProperty("status").GetString());
        Assert.Equal(("succeeded", 1, 1, 1, 0, 0, 0), run.Counts());
        foreach (var email in new[] { $"sent-{tag}@example.com", $"pulled-{tag}@example.com" })
        {
            var contact = Assert.Single((await api.GetFromJsonAsync<JsonElement>($"/api/v1/records/contact?email={email}", Ct))
                .GetProperty("data").EnumerateArray());
            Assert.Equal("42", contact.GetProperty("job_title").GetString());
            var seats = contact.GetProperty("custom_fields").GetProperty("seats");
            Assert.Equal(JsonValueKind.Number, seats.ValueKind);
            Assert.Equal(42, seats.GetInt32());
        }
    }

    [Fact]
    public async Task EditPages_KeepEveryFixedValueAsStored_WhenSavedWithOnlyTheNameChanged()
    {
        var mapping = new
        {
            @object = "contact",
            fields = new object[]
            {
                new { field = "email", path = "$.email" },
                new { field = "custom_fields.seats", value = (object)"42" },
                new { field = "custom_fields.count", value = (object)42 },
                new { field = "custom_fields.trial", value = (object)"true" },
                new { field = "custom_fields.quoted", value = (object)"\"as typed\"" },
                new { field = "job_title", value = (object)"Buyer" },
            },
            upsert = new { by = "email" },
            links = new[]
            {
                new
                {
                    field = "account_id",
                    mapping = new
                    {
                        @object = "account",
                        fields = new object[] { new { field = "domain", path = "$.company" }, new { field = "custom_fields.tier", value = (object)"42" } },
                        upsert = new { by = "domain" },
                    },
                },
            },
        };
        using var api = await ApiAsync();
        var source = (await Sources.Sources.CreateAsync(api, new { name = "Kept as stored", preset = "api_key", verification = new { header = PartnerHeader }, mapping })).Id();
        var connector = await Connectors.Connectors.CreateAsync(api, new Dictionary<string, object?>(Connectors.Connectors.PeopleConnector("http://127.0.0.1:9/people"))
        {
            ["mapping"] = mapping,
        });
        var storedBySource = Normalized(await SourceMappingAsync(api, source));
        var storedByConnector = Normalized((await api.ConnectorAsync(connector)).GetProperty("mapping"));
        using var admin = await app.SignInAsync(Ct);

        var sourceForm = await ResaveRenamedAsync(admin, $"/integrations/inbound/edit/{source}", "source-form", "?handler=Save");
        var connectorForm = await ResaveRenamedAsync(admin, $"/integrations/connectors/edit/{connector}", "connector-form", "");

        Assert.Equal(storedBySource, Normalized(await SourceMappingAsync(api, source)));
        Assert.Equal(storedByConnector, Normalized((await api.ConnectorAsync(connector)).GetProperty("mapping")));
        Assert.Equal(storedBySource, storedByConnector);
        foreach (var form in new[] { sourceForm, connectorForm })
        {
            // What the user sees: text that would read as a number or true is shown quoted.
            Assert.Equal(["$.email", "\"42\"", "42", "\"true\"", "\"\"as typed\"\"", "Buyer"],
                Enumerable.Range(0, 6).Select(i => form[$"Form.Mapping.Fields[{i}].Expression"]));
            Assert.Equal("account_id", form["Form.Mapping.Links[0].Field"]);
            Assert.Equal("\"42\"", form["Form.Mapping.Links[0].Mapping.Fields[1].Expression"]);
        }
    }

    [Fact]
    public async Task ConnectorEditPage_AddsTheDealsContactAsALinkedRecordMatchedByEmail_AndSavesIt()
    {
        using var admin = await app.SignInAsync(Ct);
        var form = ConnectorForm(Rows(("name", "path", "$.title")));
        form["Form.Mapping.Object"] = "deal";
        form["Form.Mapping.UpsertBy"] = "external_id";
        form["Form.Mapping.UpsertPath"] = "$.id";

        using var added = await admin.PostFormAsync("/integrations/connectors/edit", "/integrations/connectors/edit?handler=AddLink", form, Ct);
        var shown = PageForms.Fields(await added.Content.ReadAsStringAsync(Ct), "connector-form");
        Assert.Equal(("contact_id", "contact", "email"),
            (shown["Form.Mapping.Links[0].Field"], shown["Form.Mapping.Links[0].Mapping.Object"], shown["Form.Mapping.Links[0].Mapping.UpsertBy"]));
        shown["Form.Mapping.Links[0].Mapping.Fields[0].Target"] = "email";
        shown["Form.Mapping.Links[0].Mapping.Fields[0].Expression"] = "$.customer.email";
        shown["Form.Mapping.Links[0].Mapping.Fields[1].Target"] = "custom_fields.seats";
        shown["Form.Mapping.Links[0].Mapping.Fields[1].Kind"] = "value";
        shown["Form.Mapping.Links[0].Mapping.Fields[1].Expression"] = "42";
        using var saved = await admin.PostFormAsync("/integrations/connectors/edit", "/integrations/connectors/edit", shown, Ct);
        var connector = CreatedId(saved, await saved.Content.ReadAsStringAsync(Ct));

        using var api = await ApiAsync();
        var link = Assert.Single((await api.ConnectorAsync(connector)).GetProperty("mapping").GetProperty("links").EnumerateArray());
        Assert.Equal("contact_id", link.GetProperty("field").GetString());
        Assert.Equal("""{"object":"contact","fields":[{"field":"email","path":"$.customer.email","optional":false},{"field":"custom_fields.seats","value":42,"optional":false}],"upsert":{"by":"email"},"links":[]}""",
            Normalized(link.GetProperty("mapping")));
    }

    /// <summary>Opens the edit page, changes only the name, and submits everything else as the page shows it.</summary>
    private async Task<Dictionary<string, string>> ResaveRenamedAsync(HttpClient admin, string url, string formId, string handler)
    {
        var form = PageForms.Fields(await admin.GetStringAsync(url, Ct), formId);
        var shown = new Dictionary<string, string>(form);
        form["Form.Name"] = "Renamed " + Guid.NewGuid().ToString("N")[..6];
        using var saved = await admin.PostFormAsync(url, url + handler, form, Ct);
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, await saved.Content.ReadAsStringAsync(Ct));
        return shown;
    }

    private static Dictionary<string, string> Rows(params (string Target, string Kind, string Expression)[] rows)
    {
        var fields = new Dictionary<string, string>();
        for (var i = 0; i < rows.Length; i++)
        {
            fields[$"Form.Mapping.Fields[{i}].Target"] = rows[i].Target;
            fields[$"Form.Mapping.Fields[{i}].Kind"] = rows[i].Kind;
            fields[$"Form.Mapping.Fields[{i}].Expression"] = rows[i].Expression;
        }

        return fields;
    }

    private static async Task<string> SaveSourceAsync(HttpClient admin, Dictionary<string, string> rows)
    {
        var form = new Dictionary<string, string>(rows)
        {
            ["Form.Name"] = "Partner " + Guid.NewGuid().ToString("N")[..6], ["Form.Preset"] = "api_key", ["Form.Header"] = PartnerHeader,
            ["Form.Secret"] = PartnerKey, ["Form.Enabled"] = "true", ["Form.Mapping.Object"] = "contact", ["Form.Mapping.UpsertBy"] = "email",
        };
        using var saved = await admin.PostFormAsync("/integrations/inbound/edit", "/integrations/inbound/edit?handler=Save", form, Ct);
        return CreatedId(saved, await saved.Content.ReadAsStringAsync(Ct));
    }

    private static async Task<string> SaveConnectorAsync(HttpClient admin, Dictionary<string, string> rows, string url = "http://127.0.0.1:9/people")
    {
        using var saved = await admin.PostFormAsync("/integrations/connectors/edit", "/integrations/connectors/edit", ConnectorForm(rows, url), Ct);
        return CreatedId(saved, await saved.Content.ReadAsStringAsync(Ct));
    }

    private static Dictionary<string, string> ConnectorForm(Dictionary<string, string> rows, string url = "http://127.0.0.1:9/people") => new(rows)
    {
        ["Form.Name"] = "Pull " + Guid.NewGuid().ToString("N")[..6], ["Form.Url"] = url, ["Form.Method"] = "GET", ["Form.AuthType"] = "none",
        ["Form.ItemsPath"] = "$.data", ["Form.PaginationMode"] = "none", ["Form.Schedule"] = "*/15 * * * *", ["Form.MaxPages"] = "100",
        ["Form.Enabled"] = "true", ["Form.Mapping.Object"] = "contact", ["Form.Mapping.UpsertBy"] = "email",
    };

    private static string CreatedId(HttpResponseMessage saved, string page)
    {
        Assert.True(saved.StatusCode == HttpStatusCode.Redirect, page);
        var location = saved.Headers.Location!.ToString();
        return location[(location.LastIndexOf('/') + 1)..];
    }

    /// <summary>A key in the seeded admin's workspace, where the pages save.</summary>
    private async Task<HttpClient> ApiAsync() =>
        app.Client((await Keys.IssueAsync(app, ["inbound:read", "inbound:write", "crm:read", "crm:write"])).Key);

    private static async Task<JsonElement> SourceMappingAsync(HttpClient api, string sourceId) =>
        (await api.GetFromJsonAsync<JsonElement>($"/api/v1/inbound/sources/{sourceId}", Ct)).GetProperty("mapping");

    /// <summary>The mapping as compact JSON without its null members (the API writes some, the stored JSON does not).</summary>
    private static string Normalized(JsonElement mapping)
    {
        static JsonNode? WithoutNulls(JsonNode? node)
        {
            if (node is JsonObject members)
            {
                foreach (var (name, _) in members.Where(m => m.Value is null).ToList())
                {
                    members.Remove(name);
                }

                foreach (var (_, value) in members)
                {
                    WithoutNulls(value);
                }
            }
            else if (node is JsonArray items)
            {
                foreach (var item in items)
                {
                    WithoutNulls(item);
                }
            }

            return node;
        }

        return WithoutNulls(JsonNode.Parse(mapping.GetRawText()))!.ToJsonString();
    }

    /// <summary>Each rule as (field, path, the fixed value's JSON kind, its text): numbers keep the digits as typed.</summary>
    private static List<(string Field, string? Path, JsonValueKind Kind, string Value)> Fields(JsonElement mapping) =>
        mapping.GetProperty("fields").EnumerateArray().Select(rule =>
        {
            var value = rule.TryGetProperty("value", out var v) && v.ValueKind != JsonValueKind.Null ? v : default;
            return (
                rule.GetProperty("field").GetString()!,
                rule.TryGetProperty("path", out var path) ? path.GetString() : null,
                value.ValueKind,
                value.ValueKind switch { JsonValueKind.Undefined => "", JsonValueKind.String => value.GetString()!, _ => value.GetRawText() });
        }).ToList();
}
