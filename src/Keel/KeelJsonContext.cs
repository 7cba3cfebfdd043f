using System.Text.Json.Serialization;

namespace Keel;

/// <summary>Source-generated JSON metadata for what Keel stores and prints.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = false)]
[JsonSerializable(typeof(string[]))]
[JsonSerializable(typeof(Dictionary<string, string>))]
internal sealed partial class KeelJsonContext : JsonSerializerContext;
