using System.Text.Json;

namespace AiLab.Storage.Serialization;

/// <summary>Reads a stored footprint or change outcome, naming the database when it cannot.</summary>
internal static class FootprintDocuments
{
    public static T Read<T>(string json, string database)
    {
        try
        {
            return StorageJson.Deserialize<T>(json);
        }
        catch (JsonException e)
        {
            throw new StorageException($"{database}: a stored {typeof(T).Name} cannot be read: {e.Message}", e);
        }
    }
}
