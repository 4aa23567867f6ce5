using AiLab.Lab.Profiling.Model;

namespace AiLab.Lab.Profiling.Dotnet;

/// <summary>Turns TraceEvent's method names (<c>Ns.Type`1[T].Method(int32,class System.String)</c>) into the
/// profile model's frames: the type as the module, the method as the name, the assembly as the file, so that a
/// frame reads <c>Ns.Type.Method</c> in every report.</summary>
public static class DotnetMethodName
{
    /// <summary>The frame for method <paramref name="fullName"/> of assembly <paramref name="assembly"/>; an
    /// unresolved address (empty name) becomes <c>native.?</c> of its module, which reports treat as native.</summary>
    public static ProfileFrame Frame(string? fullName, string? assembly)
    {
        var file = string.IsNullOrEmpty(assembly) ? "?" : assembly;
        if (string.IsNullOrEmpty(fullName) || fullName == "?")
            return new ProfileFrame("native", "?" + (file == "?" ? "" : " in " + file), "~", 0);
        var paren = fullName.IndexOf('(', StringComparison.Ordinal);
        var name = paren > 0 ? fullName[..paren] : fullName;
        // The last dot outside generic brackets splits type and method; ".ctor" / ".cctor" keep their own dot.
        var depth = 0;
        var split = -1;
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (c is '[' or '<') depth++;
            else if (c is ']' or '>') depth--;
            else if (c == '.' && depth == 0 && i > 0 && name[i - 1] != '.') split = i;
        }

        if (split <= 0 || split == name.Length - 1) return new ProfileFrame("global", name, file, 0);
        return new ProfileFrame(name[..split], name[(split + 1)..], file, 0);
    }
}
