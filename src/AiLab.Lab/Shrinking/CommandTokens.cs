namespace AiLab.Lab.Shrinking;

/// <summary>The words of a shell command with their places in it, so that one word can be replaced without
/// touching the command's other syntax (quotes, pipes, redirections).</summary>
public static class CommandTokens
{
    /// <summary>One word: its text without quotes, and the span it covers in the command.</summary>
    public sealed record Token(string Text, int Start, int Length);

    /// <summary>Splits <paramref name="command"/> on unquoted whitespace.</summary>
    public static IReadOnlyList<Token> Split(string command)
    {
        ArgumentNullException.ThrowIfNull(command);
        var tokens = new List<Token>();
        var i = 0;
        while (i < command.Length)
        {
            while (i < command.Length && char.IsWhiteSpace(command[i])) i++;
            if (i >= command.Length) break;
            var start = i;
            var text = new System.Text.StringBuilder();
            char quote = '\0';
            while (i < command.Length && (quote != '\0' || !char.IsWhiteSpace(command[i])))
            {
                var c = command[i++];
                if (quote == '\0' && c is '\'' or '"') quote = c;
                else if (c == quote) quote = '\0';
                else text.Append(c);
            }

            tokens.Add(new Token(text.ToString(), start, i - start));
        }

        return tokens;
    }

    /// <summary>The word as the shell must see it: quoted when it holds anything but plain characters.</summary>
    public static string Quote(string word) =>
        word.Length > 0 && word.All(c => char.IsLetterOrDigit(c) || "-_./=:,+@%".Contains(c, StringComparison.Ordinal))
            ? word
            : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";
}
