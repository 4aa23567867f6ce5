using System.Text.Json.Nodes;
using AiLab.Lab.Profiling.Model;
using AiLab.Lab.Profiling.Running;

namespace AiLab.Lab.Profiling.Rendering;

/// <summary>The profiled trials in speedscope's file format (https://www.speedscope.app/file-format-schema.json):
/// one "sampled" profile per trial, weights in milliseconds, frames shared, so speedscope shows each trial and its
/// "left heavy" view merges a variant's stacks.</summary>
public static class SpeedscopeExport
{
    /// <summary>The document for <paramref name="set"/>.</summary>
    public static JsonObject Render(ProfileSet set, string name)
    {
        ArgumentNullException.ThrowIfNull(set);
        var frames = new List<ProfileFrame>();
        var index = new Dictionary<ProfileFrame, int>();
        int Of(ProfileFrame f)
        {
            if (index.TryGetValue(f, out var i)) return i;
            index[f] = frames.Count;
            frames.Add(f);
            return frames.Count - 1;
        }

        var profiles = new JsonArray();
        foreach (var (trial, n) in set.Baseline.Select((t, i) => (t, i)).Concat(set.Candidate.Select((t, i) => (t, i))))
        {
            var samples = new JsonArray();
            var weights = new JsonArray();
            foreach (var stack in trial.Stacks.Where(s => s.Phase is not null))
            {
                samples.Add(new JsonArray(stack.Frames.Select(f =>
                    (JsonNode)JsonValue.Create(Of(trial.Frames[f]))).ToArray()));
                weights.Add(Math.Round(stack.Ms, 3));
            }

            profiles.Add(new JsonObject
            {
                ["type"] = "sampled",
                ["name"] = FormattableString.Invariant($"{trial.Variant} trial {n + 1} (TTFB {trial.TtfbMs:0.#} ms)"),
                ["unit"] = "milliseconds",
                ["startValue"] = 0,
                ["endValue"] = Math.Round(trial.Stacks.Where(s => s.Phase is not null).Sum(s => s.Ms), 3),
                ["samples"] = samples,
                ["weights"] = weights,
            });
        }

        return new JsonObject
        {
            ["$schema"] = "https://www.speedscope.app/file-format-schema.json",
            ["name"] = name,
            ["exporter"] = "ailab",
            ["activeProfileIndex"] = 0,
            ["shared"] = new JsonObject
            {
                ["frames"] = new JsonArray(frames.Select(f => (JsonNode)new JsonObject
                {
                    ["name"] = f.Display, ["file"] = f.File == "~" ? null : f.File, ["line"] = f.Line == 0 ? null :
                        f.Line,
                }).ToArray()),
            },
            ["profiles"] = profiles,
        };
    }
}
