using System.Text.Json.Nodes;
using AiLab.Core.Workflows;

namespace AiLab.Lab.Shrinking;

/// <summary>Derives a shrunk workflow from a production one by the conventions of <see cref="ShrinkRules"/>, applied
/// to the command line's flags (<c>--steps 100</c>, <c>--steps=100</c>) and to the JSON and YAML config files the
/// command names (or the workflow lists under <c>shrink.configs</c>), plus the workflow's own
/// <c>shrink.set</c>/<c>shrink.keep</c>. Pure: it reads the config files and writes nothing.</summary>
public static class Shrinker
{
    /// <summary>The location of flags in changes and problems.</summary>
    public const string CommandLine = "command line";

    /// <summary>Derives the shrunk form of <paramref name="production"/>, whose directory is
    /// <paramref name="root"/> joined with its <c>workdir</c>.</summary>
    /// <exception cref="ShrinkException">A value, flag or file the rules do not understand; nothing is
    /// derived.</exception>
    public static ShrunkWorkflow Derive(WorkflowSpec production, string root, IReadOnlyList<ShrinkRule>? rules = null)
    {
        ArgumentNullException.ThrowIfNull(production);
        var dir = Path.GetFullPath(Path.Combine(root, production.WorkingDirectory ?? "."));
        var session = new Session(production.Shrink, rules ?? ShrinkRules.Default);
        var command = production.Run;
        var tokens = CommandTokens.Split(command);
        var edits = new List<(int Start, int Length, string Text)>();
        var configs = new List<(string Relative, CommandTokens.Token? Token, int Offset)>();
        for (var i = 0; i < tokens.Count; i++)
        {
            var token = tokens[i];
            var (flag, inline) = SplitFlag(token.Text);
            var valueToken = flag is not null && inline is null && i + 1 < tokens.Count
                && !tokens[i + 1].Text.StartsWith('-')
                ? tokens[i + 1] : null;
            var value = inline ?? valueToken?.Text;
            if (value is not null && LooksLikeConfig(value, dir, session, out var isSupported) && isSupported)
            {
                configs.Add((value, inline is not null ? token : valueToken,
                    inline is not null ? token.Text.Length - value.Length : 0));
                if (valueToken is not null) i++;
                continue;
            }

            if (flag is null)
            {
                if (LooksLikeConfig(token.Text, dir, session, out var supported) && supported)
                    configs.Add((token.Text, token, 0));
                continue;
            }

            if (session.ShrinkFlag(flag, value) is not { } shrunk) continue;
            if (inline is not null) edits.Add((token.Start, token.Length, CommandTokens.Quote($"{flag}={shrunk}")));
            else if (valueToken is not null) { edits.Add((valueToken.Start, valueToken.Length,
                CommandTokens.Quote(shrunk))); i++; }
        }

        foreach (var listed in production.Shrink.Configs.Where(c => configs.All(k => k.Relative != c)))
        {
            if (LooksLikeConfig(listed, dir, session, out var supported) && supported) configs.Add((listed, null, 0));
            else if (!File.Exists(Path.Combine(dir, listed)))
                session.Problem("ailab.yaml", "shrink.configs", $"'{listed}' does not exist in {dir}");
        }

        var files = new Dictionary<string, JsonNode>(StringComparer.Ordinal);
        foreach (var (relative, token, offset) in configs)
        {
            var full = Path.GetFullPath(Path.Combine(dir, relative));
            var tree = ConfigFile.Read(full, out var problem);
            if (tree is null)
            {
                session.Problem(relative, "(file)", problem ?? "empty");
                continue;
            }

            session.ShrinkTree(relative, tree, "");
            var derived = DerivedPath(relative);
            files[Path.GetFullPath(Path.Combine(dir, derived))] = tree;
            if (token is not null)
                edits.Add((token.Start + offset, token.Length - offset, CommandTokens.Quote(derived)));
        }

        foreach (var flag in session.UnusedFlagOverrides())
            command += $" {flag.Key} {CommandTokens.Quote(flag.Value)}";
        session.ReportUnusedOverrides(files.Count);
        if (session.Changes.Count == 0 && session.Problems.Count == 0)
        {
            session.Problem("ailab.yaml", production.Name,
                "nothing to shrink: no flag of the command and no key of its "
                + "config files follows a convention the shrinker knows (steps, epochs, samples, hidden sizes, layers, "
                + "num_workers, seed, device, ...); name the config file under 'shrink.configs' or set values with "
                + "'shrink.set'");
        }

        if (session.Problems.Count > 0) throw new ShrinkException(session.Problems);
        foreach (var (start, length, text) in edits.OrderByDescending(e => e.Start))
            command = command[..start] + text + command[(start + length)..];
        var env = new Dictionary<string, string>(production.Environment, StringComparer.Ordinal);
        env.TryAdd("CUDA_VISIBLE_DEVICES", ""); // CPU only, whatever the code asks for
        env.TryAdd("PYTHONHASHSEED", "0");      // fixed hash seed: the same iteration order in every run
        var shrunkSpec = production with
        {
            Name = production.Name + "-shrunk", Run = command, Environment = env,
            ShrunkFrom = production.Name, Shrink = ShrinkSettings.None, Cpus = null,
            // CPU only (CUDA_VISIBLE_DEVICES=""): its trials hold no GPU, so the ledger charges them no GPU seconds.
            Gpus = 0,
        };
        return new ShrunkWorkflow { Production = production, Shrunk = shrunkSpec, Changes = session.Changes,
            Files = files };
    }

    /// <summary><c>conf/train.json</c> → <c>conf/train.shrunk.json</c>.</summary>
    public static string DerivedPath(string relative)
    {
        var ext = Path.GetExtension(relative);
        return relative[..^ext.Length] + ".shrunk" + ext;
    }

    private static (string? Flag, string? Inline) SplitFlag(string text)
    {
        if (!text.StartsWith("--", StringComparison.Ordinal) || text.Length < 3) return (null, null);
        var eq = text.IndexOf('=', StringComparison.Ordinal);
        return eq < 0 ? (text, null) : (text[..eq], text[(eq + 1)..]);
    }

    private static bool LooksLikeConfig(string word, string dir, Session session, out bool supported)
    {
        supported = ConfigFile.IsSupported(word);
        if (!supported && !ConfigFile.IsUnsupportedConfig(word)) return false;
        string full;
        try { full = Path.GetFullPath(Path.Combine(dir, word)); }
        catch (ArgumentException) { return false; }
        if (!File.Exists(full)) return false;
        if (!supported)
            session.Problem(word, "(file)", $"the shrinker reads JSON and YAML configs, not {Path.GetExtension(word)}; "
                + "pass the values as flags under 'shrink.set' (e.g. --steps: 1) or convert the config");
        return true;
    }
}
