using System.Text.Json;

namespace AiLab.Stats.Tests.ChangePoints;

/// <summary>Finds and reads the change-point reference data in <c>shared/data</c> (beside the repository clone).</summary>
internal static class ChangePointData
{
    private static readonly Lazy<string> DataDirectory = new(FindDataDirectory);

    /// <summary>The full path of a file under <c>shared/data</c>, e.g. <c>File("otava", "small_cases.json")</c>.</summary>
    public static string File(params string[] parts) => Path.Combine([DataDirectory.Value, .. parts]);

    /// <summary>Parses a JSON file under <c>shared/data</c>.</summary>
    public static JsonDocument Json(params string[] parts) => JsonDocument.Parse(System.IO.File.ReadAllText(File(parts)));

    /// <summary>The numbers of a JSON array.</summary>
    public static double[] Doubles(JsonElement array) => array.EnumerateArray().Select(v => v.GetDouble()).ToArray();

    /// <summary>The integers of a JSON array.</summary>
    public static int[] Ints(JsonElement array) => array.EnumerateArray().Select(v => v.GetInt32()).ToArray();

    // The same walk as SharedData: up from the test binaries until a shared/data folder appears, which covers both
    // shared/ inside an ancestor of the clone and shared/ beside it (/work/main + /work/shared, <clone>/../shared in CI).
    private static string FindDataDirectory()
    {
        var relative = Path.Combine("shared", "data");
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            var candidate = Path.Combine(directory.FullName, relative);
            if (Directory.Exists(Path.Combine(candidate, "otava")))
            {
                return candidate;
            }
        }

        throw new DirectoryNotFoundException(
            $"No '{relative}/otava' folder in any parent of {AppContext.BaseDirectory}. The reference data lives in the " +
            "shared/ folder beside the repository clone (<clone>/../shared).");
    }
}
