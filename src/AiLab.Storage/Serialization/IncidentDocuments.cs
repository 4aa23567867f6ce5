using System.Text.Json.Nodes;
using AiLab.Core.Incidents;

namespace AiLab.Storage.Serialization;

/// <summary>Reads an incident row back, the same way for every store.</summary>
internal static class IncidentDocuments
{
    /// <summary>The incident of a row: its document, with the status column as the truth (status updates change the
    /// column, not the document).</summary>
    /// <exception cref="StorageException">The row cannot be read, or its document describes another incident.</exception>
    public static Incident Read(string where, string id, string status, string json)
    {
        try
        {
            var document = JsonNode.Parse(json) as JsonObject
                ?? throw new StorageException($"{where}: incident '{id}' is not a JSON object");
            document["status"] = status;
            var incident = StorageJson.Deserialize<Incident>(document.ToJsonString(StorageJson.Options));
            if (incident.Id != id)
                throw new StorageException(
                    $"{where}: incident '{id}' describes the attribution of '{incident.Id}'; the row was altered");
            return incident;
        }
        catch (System.Text.Json.JsonException ex)
        {
            throw new StorageException($"{where}: incident '{id}' cannot be read ({ex.Message})", ex);
        }
    }
}
