using System.Globalization;
using AiLab.Core.Trials;
using AiLab.Lab.Tests.Support;

namespace AiLab.Lab.Tests.Profiling;

/// <summary>Plays the workload: records each request and writes the profile file the probe would write.</summary>
internal sealed class ProfilingExecutor : ITrialExecutor
{
    public List<TrialRequest> Requests { get; } = [];

    public Task<TrialResult> RunAsync(TrialRequest request, CancellationToken cancellationToken)
    {
        Requests.Add(request);
        var path = request.Environment["AILAB_PROFILE"]!;
        var mode = request.Environment["AILAB_PROFILE_MODE"];
        var calls = mode == "calls"
            ? """
              ,"calls":[{"function":"builtins.repr","file":"~","line":0,"calls":7,"self_ms":1,
                "callers":[{"function":"features.memoize_key","file":"/w/f.py","line":4,"calls":7}]}]
              """
            : "";
        File.WriteAllText(path, string.Create(CultureInfo.InvariantCulture, $$"""
            {"format":"ailab-profile/1","mode":"{{mode}}","interval_ms":5,"start_ns":1000000000,"stop_ns":1090000000,
             "stopped_by":"first_batch","marks":[{"mark":"first_batch","t_ns":1090000000}],
             "frames":[{"module":"train","name":"<module>","file":"/w/train.py","line":1}],
             "stacks":[{"phase":"first_batch","stack":[0],"samples":18,"ms":90}],
             "imports":[{"module":"json","parent":null,"depth":0,"start_ns":1001000000,"end_ns":1009000000,
                         "self_ms":8,"total_ms":8}]{{calls}}}
            """));
        return Task.FromResult(Trials.Succeeded([("first_batch", 100)]));
    }
}
