using AiLab.Core.Workflows.Loading;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace AiLab.Core.Workflows.Yaml;

/// <summary>Builds a <see cref="ConfigNode"/> tree from YAML text with YamlDotNet's parser.</summary>
/// <remarks>YamlDotNet's YamlStream stops at the first duplicate key; reading parser events ourselves keeps
/// duplicates so that validation can report them alongside every other problem in the file.</remarks>
internal sealed class YamlTreeReader
{
    // A config file is a few levels deep; the cap keeps a hostile file from overflowing the stack.
    private const int MaxDepth = 64;

    private const string SyntaxHint =
        "check the indentation (spaces only, no tabs), the ':' after each key and the quotes and brackets around this position";

    private readonly IParser _parser;
    private readonly Dictionary<string, ConfigNode> _anchors = new(StringComparer.Ordinal);
    private readonly Stack<(ParsingEvent Start, bool IsFlow)> _open = new();
    private Mark _lastEnd = new(0, 1, 1);

    private YamlTreeReader(string text) => _parser = new Parser(new StringReader(text));

    /// <summary>The root node of the first document, or null for a file with no content.</summary>
    /// <param name="text">The YAML text.</param>
    /// <param name="bag">Receives syntax errors and the "more than one document" error.</param>
    /// <param name="readable">False when the text is not valid YAML (the error is in <paramref name="bag"/>).</param>
    public static ConfigNode? Read(string text, DiagnosticBag bag, out bool readable)
    {
        var reader = new YamlTreeReader(text);
        try
        {
            var root = reader.ReadDocument(bag);
            readable = true;
            return root;
        }
        catch (YamlException e)
        {
            var (line, column) = e.Message.Contains("tab", StringComparison.OrdinalIgnoreCase)
                ? FirstIndentingTab(text) ?? Position(e.Start)
                : Position(e.Start);
            var problem = $"invalid YAML: {Sentence(e.Message)}";
            if (reader._open.FirstOrDefault(o => o.IsFlow).Start is { } open && open.Start.Line < line)
            {
                // A flow collection can span lines legally, so name the open bracket rather than blame it.
                problem += $"; the '{(open is MappingStart ? '{' : '[')}' opened on line {open.Start.Line} is still open";
            }

            bag.Error(line, column, problem, SyntaxHint);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner fails without a position on some unclosed flow collections; point at the
            // innermost '{' or '[' still open, which is where the fix goes.
            if (reader._open.FirstOrDefault(o => o.IsFlow).Start is { } unclosed)
            {
                var (line, column) = Position(unclosed.Start);
                var (open, close) = unclosed is MappingStart ? ('{', '}') : ('[', ']');
                bag.Error(line, column, $"invalid YAML: the '{open}' opened here is never closed", $"close it with '{close}'");
            }
            else
            {
                var (line, column) = Position(reader._lastEnd);
                bag.Error(line, column, "invalid YAML: the parser cannot continue after this position", SyntaxHint);
            }
        }

        readable = false;
        return null;
    }

    private ConfigNode? ReadDocument(DiagnosticBag bag)
    {
        _parser.Consume<StreamStart>();
        if (!_parser.TryConsume<DocumentStart>(out _))
        {
            return null;
        }

        var root = ReadNode(0);
        _parser.Consume<DocumentEnd>();
        if (_parser.TryConsume<DocumentStart>(out var second))
        {
            var (line, column) = Position(second.Start);
            bag.Error(line, column, "the file holds more than one YAML document ('---'); ailab.yaml must be one",
                "remove the '---' separator and merge the documents into one");
        }

        return root is ConfigScalar { IsNull: true } ? null : root;
    }

    private ConfigNode ReadNode(int depth)
    {
        var current = _parser.Current ?? throw new YamlException("unexpected end of the YAML stream");
        if (depth > MaxDepth)
        {
            throw new YamlException(current.Start, current.End, $"nesting is deeper than {MaxDepth} levels");
        }

        var (line, column) = Position(current.Start);
        Advance();
        ConfigNode node;
        AnchorName anchor;
        switch (current)
        {
            case AnchorAlias alias:
                return _anchors.TryGetValue(alias.Value.Value, out var target)
                    ? target
                    : throw new YamlException(alias.Start, alias.End, $"the alias '*{alias.Value.Value}' refers to no anchor defined before it");
            case Scalar scalar:
                node = new ConfigScalar(scalar.Value, scalar.Style, !scalar.Tag.IsEmpty, line, column);
                anchor = scalar.Anchor;
                break;
            case SequenceStart start:
                _open.Push((start, start.Style == SequenceStyle.Flow));
                var items = new List<ConfigNode>();
                while (!TryEnd<SequenceEnd>())
                {
                    items.Add(ReadNode(depth + 1));
                }

                node = new ConfigSequence(items, line, column);
                anchor = start.Anchor;
                break;
            case MappingStart start:
                _open.Push((start, start.Style == MappingStyle.Flow));
                var entries = new List<ConfigEntry>();
                while (!TryEnd<MappingEnd>())
                {
                    var key = ReadNode(depth + 1);
                    entries.Add(new ConfigEntry(key, ReadNode(depth + 1)));
                }

                node = new ConfigMapping(entries, line, column);
                anchor = start.Anchor;
                break;
            default:
                throw new YamlException(current.Start, current.End, $"unexpected {current.GetType().Name}");
        }

        if (!anchor.IsEmpty)
        {
            _anchors[anchor.Value] = node;
        }

        return node;
    }

    private void Advance()
    {
        _lastEnd = _parser.Current?.End ?? _lastEnd;
        _parser.MoveNext();
    }

    private bool TryEnd<T>()
        where T : ParsingEvent
    {
        if (!_parser.Accept<T>(out _))
        {
            return false;
        }

        Advance();
        _open.Pop();
        return true;
    }

    // YamlDotNet reports some tab errors at the start of the enclosing mapping; the tab itself is more useful.
    private static (int Line, int Column)? FirstIndentingTab(string text)
    {
        var lines = text.Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var indent = lines[i].Length - lines[i].TrimStart(' ', '\t').Length;
            var tab = lines[i].IndexOf('\t', 0, indent);
            if (tab >= 0)
            {
                return (i + 1, tab + 1);
            }
        }

        return null;
    }

    private static (int Line, int Column) Position(Mark mark) =>
        ((int)Math.Clamp(mark.Line, 1, int.MaxValue), (int)Math.Clamp(mark.Column, 1, int.MaxValue));

    // YamlDotNet writes "While scanning ..., found ...."; the diagnostic continues a sentence, so lower-case it and drop the period.
    private static string Sentence(string message)
    {
        var text = string.Join(' ', message.Split(' ', StringSplitOptions.RemoveEmptyEntries)).TrimEnd('.');
        return text.Length > 0 ? char.ToLowerInvariant(text[0]) + text[1..] : "syntax error";
    }
}
