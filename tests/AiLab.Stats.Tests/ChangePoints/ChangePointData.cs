using System.Text.Json;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>Reads the change-point reference data in <c>data/reference</c> (see <see cref="ReferenceData"/>).</summary>
internal static class ChangePointData
{
    /// <summary>The full path of a file under <c>data/reference</c>, e.g. <c>File("otava", "small_cases.json")</c>.</summary>
    public static string File(params string[] parts) => ReferenceData.File(parts);

    /// <summary>Parses a JSON file under <c>data/reference</c>.</summary>
    public static JsonDocument Json(params string[] parts) => JsonDocument.Parse(System.IO.File.ReadAllText(File(parts)));

    /// <summary>The numbers of a JSON array.</summary>
    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>The integers of a JSON array.</summary>
    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();
}
