using System.Text.Json;
using System.Text.Json.Nodes;

namespace AiLab.Storage.Serialization;

/// <summary>Conversions between records and editable JSON trees, with <see cref="StorageJson.Options"/>.</summary>
internal static class JsonSerializerNodes
{
    /// <summary>The value as a JSON object it can be split into columns from.</summary>
    public static JsonObject ToObject<T>(T value) =>
        JsonSerializer.SerializeToNode(value, StorageJson.Options) as JsonObject
        ?? throw new ArgumentException($"a {typeof(T).Name} does not serialize to a JSON object", nameof(value));
}
