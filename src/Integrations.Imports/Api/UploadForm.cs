using Integrations.Crm.Schema;
using Integrations.Imports.Jobs;
using Integrations.Platform.Api;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Integrations.Imports.Api;

/// <summary>The multipart upload of <c>POST /imports</c>, read and checked field by field. The form reader keeps a
/// large file in a temporary file, never whole in memory.</summary>
internal sealed record UploadForm(Stream? File, string? FileName, RecordType? Type, ImportMode Mode, ValidationProblem? Problem)
{
    public static async Task<UploadForm> ReadAsync(HttpRequest request, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            return Refuse("file", "Send the file as multipart/form-data with the fields file, object and mode.");
        }

        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (Exception e) when (e is InvalidDataException or BadHttpRequestException)
        {
            return Refuse("file", $"The upload could not be read: {e.Message}");
        }
        catch (IOException e)
        {
            // A body cut short (no closing boundary) ends here; so would a full disk under the buffered form, hence the log.
            request.HttpContext.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger<UploadForm>()
                .LogWarning(e, "Import upload could not be read");
            return Refuse("file", "The upload ended before the whole file arrived. Upload the file again.");
        }

        if (form.Files.GetFile("file") is not { Length: > 0 } file)
        {
            return Refuse("file", form.Files.GetFile("file") is null ? "file is required." : "The file is empty.");
        }

        if (RecordTypes.Find(form["object"].ToString()) is not { } type)
        {
            return Refuse("object", "object must be one of contact, account, deal or product.");
        }

        if (ParseMode(form["mode"].ToString()) is not { } mode)
        {
            return Refuse("mode", "mode must be create or upsert.");
        }

        return new UploadForm(file.OpenReadStream(), file.FileName, type, mode, null);
    }

    private static ImportMode? ParseMode(string mode) => mode.ToLowerInvariant() switch
    {
        "" or "create" or "create_only" => ImportMode.CreateOnly,
        "upsert" => ImportMode.Upsert,
        _ => null,
    };

    private static UploadForm Refuse(string field, string message) => new(null, null, null, default, ApiProblems.Invalid(field, message));
}
