using System.Runtime.InteropServices;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Keel;

/// <summary>
/// Reads a structured value out of model text as it streams in: after each chunk, the part of the value that is
/// complete so far, or nothing yet; at the end, the same result <see cref="StructuredParser"/> gives the whole text.
/// </summary>
/// <remarks>
/// <para>A partial value only ever fills in: a string, number or literal appears once it is complete and never changes
/// after; objects gain properties and arrays gain items (the last item may itself fill in). A reading of a longer
/// prefix that would change something already given is held back until the text settles it.</para>
/// <para>The text is read again only once it has grown by a quarter since the last reading (and by at least
/// <see cref="MinimumGrowth"/> characters), so over a whole stream the work stays within a small multiple of one parse.</para>
/// <para>Not thread-safe: one parser per stream.</para>
/// </remarks>
public sealed class StructuredStreamParser
{
    /// <summary>The fewest new characters worth reading the text again for.</summary>
    public const int MinimumGrowth = 64;

    private readonly StructuredSchema _schema;
    private readonly StructuredPolicy _policy;
    private readonly StructuredPolicy _partialPolicy;
    private readonly StringBuilder _text = new();
    private int _readAt;
    private JsonElement? _partial;
    private JsonNode? _partialNode;

    /// <summary>Initializes a new instance of the <see cref="StructuredStreamParser"/> class.</summary>
    /// <param name="schema">The schema the value must satisfy.</param>
    /// <param name="policy">Which repairs are allowed; <see cref="StructuredPolicy.Lenient"/> when null. Partial values may always be cut off.</param>
    public StructuredStreamParser(StructuredSchema schema, StructuredPolicy? policy = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        _schema = schema;
        _policy = policy ?? StructuredPolicy.Lenient;
        _partialPolicy = _policy.Allow(StructuredRule.Truncation);
    }

    /// <summary>Gets the value as far as the text has given it so far; null until any of it is complete.</summary>
    /// <remarks>A node over the value as it was read, materialised only as it is read itself.</remarks>
    public JsonNode? Partial => _partial is { } partial ? _partialNode ??= ExactJsonFastPath.AsNode(partial) : null;

    /// <summary>Gets the text received so far.</summary>
    public string Text => _text.ToString();

    /// <summary>Gets how many times the text has been read so far (for measuring; one reading per growth step, not per chunk).</summary>
    public int Readings { get; private set; }

    /// <summary>Adds the next chunk of model text.</summary>
    /// <param name="chunk">The text that arrived.</param>
    /// <returns><see langword="true"/> when <see cref="Partial"/> filled in further.</returns>
    public bool Append(string chunk)
    {
        ArgumentNullException.ThrowIfNull(chunk);
        _text.Append(chunk);
        if (_text.Length - _readAt < Math.Max(MinimumGrowth, _readAt / 4))
        {
            return false;
        }

        return Read();
    }

    /// <summary>Reads the text received so far now, whatever its growth (for example when the stream pauses).</summary>
    /// <returns><see langword="true"/> when <see cref="Partial"/> filled in further.</returns>
    public bool Flush() => _text.Length > _readAt && Read();

    /// <summary>Reads the whole text once the stream has ended.</summary>
    /// <returns>The result <see cref="StructuredParser.TryParse(string, StructuredSchema, StructuredPolicy?, out StructuredResult)"/> gives for the whole text.</returns>
    public StructuredResult Complete()
    {
        StructuredParser.TryParse(_text.ToString(), _schema, _policy, out var result);
        return result;
    }

    private bool Read()
    {
        _readAt = _text.Length;
        Readings++;
        var next = StructuredParser.ParsePrefix(_text.ToString(), _schema.Root, _partialPolicy);
        if (next is not { } value || _partial is { } before && (!Extends(before, value) || JsonElement.DeepEquals(before, value)))
        {
            return false;
        }

        _partial = value;
        _partialNode = null;
        return true;
    }

    /// <summary>Whether <paramref name="later"/> keeps everything <paramref name="earlier"/> gave, only adding to it.</summary>
    /// <remarks>Members are compared in order first, as a longer prefix keeps them in order, so that no name is read out as a string.</remarks>
    private static bool Extends(JsonElement earlier, JsonElement later)
    {
        switch (earlier.ValueKind)
        {
            case JsonValueKind.Object when later.ValueKind == JsonValueKind.Object:
                var members = later.EnumerateObject();
                foreach (var member in earlier.EnumerateObject())
                {
                    var inOrder = members.MoveNext() && JsonMarshal.GetRawUtf8PropertyName(member).SequenceEqual(JsonMarshal.GetRawUtf8PropertyName(members.Current));
                    if (inOrder ? !Extends(member.Value, members.Current.Value) : !later.TryGetProperty(member.Name, out var now) || !Extends(member.Value, now))
                    {
                        return false;
                    }
                }

                return true;
            case JsonValueKind.Array when later.ValueKind == JsonValueKind.Array:
                if (later.GetArrayLength() < earlier.GetArrayLength())
                {
                    return false;
                }

                var items = later.EnumerateArray();
                foreach (var item in earlier.EnumerateArray())
                {
                    if (!items.MoveNext() || !Extends(item, items.Current))
                    {
                        return false;
                    }
                }

                return true;
            default:
                return JsonElement.DeepEquals(earlier, later);
        }
    }
}
