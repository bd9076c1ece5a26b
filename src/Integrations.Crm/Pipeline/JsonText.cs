using System.Buffers;
using System.Text.Json;
using Integrations.Platform.Data;

namespace Integrations.Crm.Pipeline;

/// <summary>Writes many small JSON documents through one buffer and one writer: a batch's audit entries and events.
/// Not thread-safe: one per batch.</summary>
internal sealed class JsonText
{
    private readonly ArrayBufferWriter<byte> buffer = new(4096);
    private readonly Utf8JsonWriter writer;

    public JsonText() => writer = new Utf8JsonWriter(buffer);

    /// <summary>One document; the state is passed in rather than captured, so there is no closure per document.</summary>
    public Utf8Json Write<TState>(TState state, Action<Utf8JsonWriter, TState> write)
    {
        buffer.ResetWrittenCount();
        writer.Reset(buffer);
        write(writer, state);
        writer.Flush();
        return new Utf8Json(buffer.WrittenSpan.ToArray());
    }
}
