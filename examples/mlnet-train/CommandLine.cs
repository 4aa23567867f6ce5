using System.Globalization;

namespace MlnetTrain;

/// <summary>The program's arguments: <c>[--config PATH] [--rows N]</c>.</summary>
internal sealed record CommandLine(string ConfigPath, int? Rows)
{
    /// <summary>One line of usage, printed with every argument error.</summary>
    public const string Usage = "usage: MlnetTrain [--config PATH] [--rows N]";

    /// <summary>Parses <paramref name="args"/>; on failure <paramref name="error"/> says why.</summary>
    public static bool TryParse(string[] args, out CommandLine commandLine, out string error)
    {
        // The default config sits beside the program (copied at build), not in the caller's directory.
        commandLine = new CommandLine(Path.Combine(AppContext.BaseDirectory, "config.json"), null);
        error = "";
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--config" when value is not null:
                    commandLine = commandLine with { ConfigPath = value };
                    i++;
                    break;
                case "--rows" when value is not null:
                    if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var rows))
                    {
                        error = $"--rows needs a whole number, got '{value}'";
                        return false;
                    }

                    commandLine = commandLine with { Rows = rows };
                    i++;
                    break;
                case "--config" or "--rows":
                    error = $"{args[i]} needs a value";
                    return false;
                default:
                    error = $"unknown argument '{args[i]}'";
                    return false;
            }
        }

        return true;
    }
}
