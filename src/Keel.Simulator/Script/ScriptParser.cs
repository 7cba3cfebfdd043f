using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Keel.Simulator;

/// <summary>Reads a simulator script (YAML) into a <see cref="SimulatorScript"/>, reporting errors with file, line and column.</summary>
internal sealed class ScriptParser
{
    private static readonly string[] s_rootKeys = ["rules", "fault_rate"];
    private static readonly string[] s_ruleKeys = ["match", "reply", "tool_call", "fault", "times", "delay_ms"];
    private static readonly string[] s_matchKeys = ["model", "contains", "regex", "provider"];
    private static readonly string[] s_toolKeys = ["name", "arguments"];
    private static readonly string[] s_faultKeys = ["kind", "retry_after", "retry_after_date", "retry_after_ms", "status", "delay_ms", "after_chunks"];
    private static readonly string[] s_faultRateKeys = ["rate", "kinds", "seed"];
    private static readonly int[] s_serverErrorStatuses = [500, 502, 503, 529];

    private readonly string _source;

    private ScriptParser(string source) => _source = source;

    public static SimulatorScript ParseFile(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The simulator script '{path}' does not exist.", path);
        }

        return Parse(File.ReadAllText(path), path);
    }

    public static SimulatorScript Parse(string yaml, string source)
    {
        var parser = new ScriptParser(source);
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException ex)
        {
            throw new SimulatorScriptException(source, (int)ex.Start.Line, (int)ex.Start.Column, $"this is not valid YAML: {ex.Message}", ex);
        }

        if (stream.Documents.Count == 0 || stream.Documents[0].RootNode is YamlScalarNode { Value: null or "" })
        {
            return SimulatorScript.Empty;
        }

        return parser.ReadScript(stream.Documents[0].RootNode);
    }

    private SimulatorScript ReadScript(YamlNode root)
    {
        var map = Mapping(root, "the script", "a mapping with 'rules' and optionally 'fault_rate'");
        CheckKeys(map, s_rootKeys, "the script");
        var rules = new List<ScriptRule>();
        if (Get(map, "rules") is { } rulesNode and not YamlScalarNode { Value: null or "" })
        {
            if (rulesNode is not YamlSequenceNode sequence)
            {
                throw Error(rulesNode, "'rules' must be a list of rules (each item starts with '- ').");
            }

            rules.AddRange(sequence.Children.Select(ReadRule));
        }

        var faultRate = Get(map, "fault_rate") is { } rateNode ? ReadFaultRate(rateNode) : null;
        return new SimulatorScript(rules, faultRate);
    }

    private ScriptRule ReadRule(YamlNode node)
    {
        var map = Mapping(node, "a rule", "a mapping with 'match' and one of 'reply', 'tool_call' or 'fault'");
        CheckKeys(map, s_ruleKeys, "a rule");
        var match = Get(map, "match") is { } matchNode ? ReadMatch(matchNode) : new RuleMatch();
        var reply = Get(map, "reply") is { } replyNode ? Text(replyNode, "reply") : null;
        var toolCall = Get(map, "tool_call") is { } toolNode ? ReadToolCall(toolNode) : null;
        var fault = Get(map, "fault") is { } faultNode ? ReadFault(faultNode) : null;
        if (reply is null && toolCall is null && fault is null)
        {
            throw Error(node, "a rule needs 'reply', 'tool_call' or 'fault'.");
        }

        if (reply is not null && toolCall is not null)
        {
            throw Error(node, "a rule has either 'reply' or 'tool_call', not both.");
        }

        int? times = Get(map, "times") is { } timesNode ? Integer(timesNode, "times", 1, int.MaxValue) : null;
        var delay = Get(map, "delay_ms") is { } delayNode ? Integer(delayNode, "delay_ms", 0, 600_000) : 0;
        return new ScriptRule(match, reply, toolCall, fault, times, delay, (int)node.Start.Line);
    }

    private RuleMatch ReadMatch(YamlNode node)
    {
        var map = Mapping(node, "'match'", "a mapping of model, contains, regex and provider");
        CheckKeys(map, s_matchKeys, "'match'");
        Regex? regex = null;
        if (Get(map, "regex") is { } regexNode)
        {
            var pattern = Text(regexNode, "regex");
            try
            {
                regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromSeconds(1));
            }
            catch (ArgumentException ex)
            {
                throw Error(regexNode, $"'regex' is not a valid .NET regular expression: {ex.Message}", ex);
            }
        }

        SimProvider? provider = null;
        if (Get(map, "provider") is { } providerNode)
        {
            provider = Text(providerNode, "provider").ToLowerInvariant() switch
            {
                "openai" => SimProvider.OpenAI,
                "anthropic" => SimProvider.Anthropic,
                _ => throw Error(providerNode, "'provider' must be 'openai' or 'anthropic'."),
            };
        }

        return new RuleMatch(
            Get(map, "model") is { } model ? Text(model, "model") : null,
            Get(map, "contains") is { } contains ? Text(contains, "contains") : null,
            regex,
            provider);
    }

    private ToolCallSpec ReadToolCall(YamlNode node)
    {
        var map = Mapping(node, "'tool_call'", "a mapping with 'name' and optionally 'arguments'");
        CheckKeys(map, s_toolKeys, "'tool_call'");
        var name = Get(map, "name") is { } nameNode ? Text(nameNode, "name") : throw Error(node, "'tool_call' needs a 'name'.");
        var arguments = "{}";
        if (Get(map, "arguments") is { } argumentsNode)
        {
            if (argumentsNode is not YamlMappingNode)
            {
                throw Error(argumentsNode, "'arguments' must be a mapping, e.g. { city: Paris }.");
            }

            using var stream = new MemoryStream();
            using (var writer = new Utf8JsonWriter(stream, JsonBody.WriterOptions))
            {
                WriteJson(writer, argumentsNode);
            }

            arguments = System.Text.Encoding.UTF8.GetString(stream.ToArray());
        }

        return new ToolCallSpec(name, arguments);
    }

    private FaultSpec ReadFault(YamlNode node)
    {
        var map = Mapping(node, "'fault'", "a mapping with 'kind' and the kind's parameters");
        CheckKeys(map, s_faultKeys, "'fault'");
        var kindNode = Get(map, "kind") ?? throw Error(node, $"'fault' needs a 'kind': one of {KindList()}.");
        var kind = ParseKind(kindNode);
        var spec = new FaultSpec(kind);
        if (Get(map, "retry_after") is { } retryAfter)
        {
            spec = spec with { RetryAfterSeconds = Integer(retryAfter, "retry_after", 0, 86_400) };
        }

        if (Get(map, "retry_after_date") is { } retryAfterDate)
        {
            spec = spec with { RetryAfterDate = Boolean(retryAfterDate, "retry_after_date") };
        }

        if (Get(map, "retry_after_ms") is { } retryAfterMs)
        {
            spec = spec with { RetryAfterMs = Integer(retryAfterMs, "retry_after_ms", 0, 86_400_000) };
        }

        if (Get(map, "status") is { } status)
        {
            var value = Integer(status, "status", 100, 599);
            if (!s_serverErrorStatuses.Contains(value))
            {
                throw Error(status, $"'status' must be one of 500, 502, 503 or 529, got {value}.");
            }

            spec = spec with { Status = value };
        }

        if (Get(map, "delay_ms") is { } delay)
        {
            spec = spec with { DelayMs = Integer(delay, "delay_ms", 0, 600_000) };
        }

        if (Get(map, "after_chunks") is { } afterChunks)
        {
            spec = spec with { AfterChunks = Integer(afterChunks, "after_chunks", 0, 100_000) };
        }

        return spec;
    }

    private FaultRateSpec ReadFaultRate(YamlNode node)
    {
        var map = Mapping(node, "'fault_rate'", "a mapping with 'rate', optionally 'kinds' and 'seed'");
        CheckKeys(map, s_faultRateKeys, "'fault_rate'");
        var rateNode = Get(map, "rate") ?? throw Error(node, "'fault_rate' needs a 'rate' between 0 and 1, e.g. rate: 0.2.");
        var rate = Number(rateNode, "rate");
        if (rate is < 0 or > 1)
        {
            throw Error(rateNode, $"'rate' must be between 0 and 1, got {rate.ToString(CultureInfo.InvariantCulture)}.");
        }

        IReadOnlyList<FaultKind> kinds = FaultRates.DefaultKinds;
        if (Get(map, "kinds") is { } kindsNode)
        {
            if (kindsNode is not YamlSequenceNode sequence || sequence.Children.Count == 0)
            {
                throw Error(kindsNode, $"'kinds' must be a non-empty list of fault kinds: {KindList()}.");
            }

            kinds = [.. sequence.Children.Select(ParseKind)];
        }

        var seed = Get(map, "seed") is { } seedNode ? Integer(seedNode, "seed", int.MinValue, int.MaxValue) : 0;
        return new FaultRateSpec(rate, kinds, seed);
    }

    private FaultKind ParseKind(YamlNode node)
    {
        var name = Text(node, "kind");
        return FaultKindNames.TryParse(name, out var kind) ? kind : throw Error(node, $"unknown fault kind '{name}'; expected one of {KindList()}.");
    }

    private static string KindList() => FaultKindNames.All;

    private YamlMappingNode Mapping(YamlNode node, string what, string expected) =>
        node as YamlMappingNode ?? throw Error(node, $"{what} must be {expected}.");

    private void CheckKeys(YamlMappingNode map, string[] allowed, string what)
    {
        foreach (var key in map.Children.Keys)
        {
            var name = (key as YamlScalarNode)?.Value;
            if (name is null || !allowed.Contains(name, StringComparer.Ordinal))
            {
                throw Error(key, $"unknown key '{name}' in {what}; expected one of: {string.Join(", ", allowed)}.");
            }
        }
    }

    private static YamlNode? Get(YamlMappingNode map, string key) =>
        map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;

    private string Text(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } value } ? value : throw Error(node, $"'{key}' must be a single text value.");

    private int Integer(YamlNode node, string key, int min, int max)
    {
        if (node is YamlScalarNode { Value: { } text } && int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value))
        {
            if (value < min || value > max)
            {
                throw Error(node, $"'{key}' must be between {min} and {max}, got {value}.");
            }

            return value;
        }

        throw Error(node, $"'{key}' must be a whole number, got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");
    }

    private double Number(YamlNode node, string key) =>
        node is YamlScalarNode { Value: { } text } && double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw Error(node, $"'{key}' must be a number, got '{(node as YamlScalarNode)?.Value ?? node.NodeType.ToString()}'.");

    private bool Boolean(YamlNode node, string key) => (node as YamlScalarNode)?.Value?.ToLowerInvariant() switch
    {
        "true" or "yes" => true,
        "false" or "no" => false,
        _ => throw Error(node, $"'{key}' must be true or false."),
    };

    private static void WriteJson(Utf8JsonWriter writer, YamlNode node)
    {
        switch (node)
        {
            case YamlMappingNode map:
                writer.WriteStartObject();
                foreach (var (key, value) in map.Children)
                {
                    writer.WritePropertyName(((YamlScalarNode)key).Value ?? "");
                    WriteJson(writer, value);
                }

                writer.WriteEndObject();
                break;
            case YamlSequenceNode sequence:
                writer.WriteStartArray();
                foreach (var item in sequence.Children)
                {
                    WriteJson(writer, item);
                }

                writer.WriteEndArray();
                break;
            case YamlScalarNode scalar:
                WriteScalar(writer, scalar);
                break;
            default:
                writer.WriteNullValue();
                break;
        }
    }

    private static void WriteScalar(Utf8JsonWriter writer, YamlScalarNode scalar)
    {
        var text = scalar.Value;
        if (scalar.Style is not ScalarStyle.Plain || text is null)
        {
            writer.WriteStringValue(text);
            return;
        }

        if (text is "null" or "~" or "")
        {
            writer.WriteNullValue();
        }
        else if (text is "true" or "false")
        {
            writer.WriteBooleanValue(text == "true");
        }
        else if (long.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var integer))
        {
            writer.WriteNumberValue(integer);
        }
        else if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteStringValue(text);
        }
    }

    private SimulatorScriptException Error(YamlNode node, string message, Exception? inner = null) =>
        new(_source, (int)node.Start.Line, (int)node.Start.Column, message, inner);
}
