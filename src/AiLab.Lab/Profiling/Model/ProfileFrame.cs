namespace AiLab.Lab.Profiling.Model;

/// <summary>One function as the profiler names it: its module, its (qualified) name, and where it is defined.</summary>
/// <param name="Module">The module, e.g. <c>features</c>; <c>builtins</c> for native callables, <c>&lt;import&gt;</c>
/// for the synthetic frame that stands for one import.</param>
/// <param name="Name">The qualified function name, e.g. <c>Table.memoize_key</c> or <c>repr</c>.</param>
/// <param name="File">The source file; <c>~</c> for native callables.</param>
/// <param name="Line">The first line of the function; 0 for native callables.</param>
public sealed record ProfileFrame(string Module, string Name, string File, int Line)
{
    /// <summary>The name shown in reports: <c>features.memoize_key</c>, <c>repr</c>, <c>import torch</c>.</summary>
    public string Display => Module switch
    {
        "builtins" => Name,
        "<import>" => "import " + Name,
        _ => Module + "." + Name,
    };

    /// <summary>True for a callable with no Python frame of its own (a builtin, a C method).</summary>
    public bool IsNative => File == "~" && Module != "<import>";
}
