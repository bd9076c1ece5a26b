using System.Globalization;
using System.Text.Json.Nodes;
using Integrations.Crm.Pipeline;
using Integrations.Crm.Reading;
using Integrations.Crm.Schema;
using Integrations.Platform.Ids;
using Microsoft.AspNetCore.Http;

namespace Integrations.Crm.Api;

/// <summary>
/// Reads a list request's query string: <c>limit</c>, <c>cursor</c>, <c>updated_since</c>, <c>order</c>, <c>q</c>,
/// and any field name as an exact filter. An unknown parameter is an error, so a typo never silently widens a query.
/// </summary>
internal static class ListParameters
{
    public static RecordListQuery? TryRead(RecordType type, IQueryCollection query, Dictionary<string, string[]> errors)
    {
        var limit = 50;
        Guid? after = null;
        DateTimeOffset? since = null;
        var newestFirst = false;
        string? search = null;
        var filters = new Dictionary<string, object?>();
        foreach (var (name, values) in query)
        {
            var text = values.ToString();
            switch (name)
            {
                case "limit":
                    if (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > 200)
                    {
                        errors["limit"] = ["limit must be a whole number from 1 to 200."];
                    }

                    break;
                case "cursor":
                    if (PublicId.TryParse(type.Prefix, text, out var cursor))
                    {
                        after = cursor;
                    }
                    else
                    {
                        errors["cursor"] = [$"cursor must be a {type.Name} id returned as next_cursor."];
                    }

                    break;
                case "updated_since":
                    if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var moment))
                    {
                        since = moment;
                    }
                    else
                    {
                        errors["updated_since"] = ["updated_since must be an ISO 8601 time such as 2026-05-15T10:05:00Z."];
                    }

                    break;
                case "order":
                    newestFirst = text == "desc";
                    if (text is not ("asc" or "desc"))
                    {
                        errors["order"] = ["order must be asc or desc."];
                    }

                    break;
                case "q":
                    search = text;
                    if (FieldParser.NulError("q", text) is { } nul)
                    {
                        errors["q"] = [nul];
                    }

                    break;
                default:
                    if (type.Field(name) is { Kind: FieldKind.Participants })
                    {
                        errors[name] = [$"{name} cannot be filtered on; filter activities by contact_id."];
                    }
                    else if (type.Field(name) is { } field)
                    {
                        if (FieldParser.TryParse(field, JsonValue.Create(text), out var value, out var error))
                        {
                            filters[name] = value;
                        }
                        else
                        {
                            errors[name] = [error!];
                        }
                    }
                    else
                    {
                        errors[name] = [$"Unknown parameter '{name}'. Use limit, cursor, updated_since, order, q or a field of {type.Name}."];
                    }

                    break;
            }
        }

        return errors.Count > 0 ? null : new RecordListQuery(limit, after, since, newestFirst, filters, search);
    }
}
