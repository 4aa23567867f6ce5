using System.Runtime.CompilerServices;

namespace AiLab.EndToEnd.Tests.Rendering;

/// <summary>Compares rendered text with a committed file under Golden/. With AILAB_UPDATE_GOLDEN=1 the file in the
/// source tree is rewritten instead (then review the diff before committing it).</summary>
internal static class GoldenFile
{
    public static void AssertMatches(string name, string actual, [CallerFilePath] string callerPath = "")
    {
        if (Environment.GetEnvironmentVariable("AILAB_UPDATE_GOLDEN") == "1")
        {
            var target = Path.Combine(Path.GetDirectoryName(callerPath)!, "..", "Golden", name);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.WriteAllText(target, actual);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", name);
        Assert.True(File.Exists(path), $"golden file {path} is missing; create it with AILAB_UPDATE_GOLDEN=1");
        var expected = File.ReadAllText(path);
        if (expected == actual) return;
        var expectedLines = expected.Split('\n');
        var actualLines = actual.Split('\n');
        var line = Enumerable.Range(0, Math.Min(expectedLines.Length, actualLines.Length)).FirstOrDefault(i => expectedLines[i] != actualLines[i], Math.Min(expectedLines.Length, actualLines.Length));
        throw new Xunit.Sdk.XunitException(
            $"{name} differs at line {line + 1}:\n  expected: {expectedLines.ElementAtOrDefault(line)}\n  actual:   {actualLines.ElementAtOrDefault(line)}\nwhole output:\n{actual}");
    }
}
