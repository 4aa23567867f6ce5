using System.Text;
using System.Text.RegularExpressions;

namespace AiLab.Core.Footprints;

/// <summary>Repository-relative path globs as .gitignore-style tools write them: <c>*</c> any characters but
/// <c>/</c>, <c>?</c> one such character, <c>**</c> any number of directories (<c>src/**</c>,
/// <c>**/*.cs</c>).</summary>
public static class PathGlob
{
    /// <summary>True when <paramref name="path"/> matches <paramref name="glob"/>.</summary>
    public static bool Matches(string glob, string path) => ToRegex(glob).IsMatch(path.Replace('\\', '/'));

    /// <summary>Why <paramref name="glob"/> is not usable, or null when it is.</summary>
    public static string? Problem(string glob)
    {
        if (string.IsNullOrWhiteSpace(glob)) return "a glob must not be empty";
        if (glob.StartsWith('/')
            || Path.IsPathRooted(glob)) return "a glob is relative to the repository root; remove the leading /";
        if (glob.Split('/').Contains("..")) return "a glob must not leave the repository through '..'";
        return null;
    }

    private static Regex ToRegex(string glob)
    {
        var pattern = new StringBuilder("^");
        for (var i = 0; i < glob.Length; i++)
        {
            var c = glob[i];
            if (c == '*' && i + 1 < glob.Length && glob[i + 1] == '*')
            {
                var slash = i + 2 < glob.Length && glob[i + 2] == '/';
                pattern.Append(slash ? "(?:.*/)?" : ".*");
                i += slash ? 2 : 1;
            }
            else if (c == '*') pattern.Append("[^/]*");
            else if (c == '?') pattern.Append("[^/]");
            else pattern.Append(Regex.Escape(c.ToString()));
        }

        return new Regex(pattern.Append('$').ToString(), RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
    }
}
