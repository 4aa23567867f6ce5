using System.Globalization;

namespace AiLab.EndToEnd.Tests.Contract;

/// <summary>Renders under several cultures and insists on one result, so that a golden file cannot hide a
/// culture-sensitive number or date (de-DE and fr-FR write 1,5; fr-FR also puts a space before %).</summary>
internal static class Cultures
{
    private static readonly string[] Names = ["en-US", "de-DE", "fr-FR"];

    /// <summary>The output of <paramref name="render"/>, the same under every culture; fails naming the first that
    /// differs.</summary>
    public static string RenderInEach(Func<string> render)
    {
        var first = In(Names[0], render);
        foreach (var name in Names.Skip(1))
        {
            var other = In(name, render);
            if (other != first)
            {
                var (a, b) = (first.Split('\n'), other.Split('\n'));
                var line = Enumerable.Range(0, Math.Min(a.Length, b.Length)).FirstOrDefault(i => a[i] != b[i],
                    Math.Min(a.Length, b.Length));
                Assert.Fail($"the output changes with the culture at line {line + 1}:\n"
                    + $"  {Names[0]}: {a.ElementAtOrDefault(line)}\n  {name}: {b.ElementAtOrDefault(line)}");
            }
        }

        return first;
    }

    private static string In(string name, Func<string> render)
    {
        var (culture, uiCulture) = (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture);
        try
        {
            CultureInfo.CurrentCulture = CultureInfo.CurrentUICulture = CultureInfo.GetCultureInfo(name);
            // Proves the culture really is in effect (an invariant-globalization runtime would quietly ignore it).
            Assert.Equal(name == "en-US" ? "1.5" : "1,5", 1.5.ToString(CultureInfo.CurrentCulture));
            return render();
        }
        finally
        {
            (CultureInfo.CurrentCulture, CultureInfo.CurrentUICulture) = (culture, uiCulture);
        }
    }
}
