using AiLab.Lab.Profiling.Model;

namespace AiLab.Lab.Profiling.Diff;

/// <summary>Matches cProfile's function names (module.function, <c>builtins.repr</c>, <c>str.join</c>) to the
/// sampler's frames (module, qualified name). cProfile knows only a function's bare name, the sampler its qualified
/// name, and the sampler does not know the type a native method was called on (<c>?.join</c>).</summary>
internal static class CallNames
{
    public static bool Match(string cprofileName, ProfileFrame frame)
    {
        var dot = cprofileName.LastIndexOf('.');
        var (module, name) = dot < 0 ? ("", cprofileName) : (cprofileName[..dot], cprofileName[(dot + 1)..]);
        var bare = frame.Name[(frame.Name.LastIndexOf('.') + 1)..];
        if (!string.Equals(name, bare, StringComparison.Ordinal)) return false;
        return frame.Module == "?" || string.Equals(module, frame.Module, StringComparison.Ordinal);
    }
}
