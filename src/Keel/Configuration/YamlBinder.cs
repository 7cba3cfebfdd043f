using System.Collections;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using YamlDotNet.RepresentationModel;

namespace Keel;

/// <summary>Binds a YAML node tree onto configuration records, strictly.</summary>
/// <remarks>Written here rather than with YamlDotNet's deserializer because that one cannot say which line
/// a wrong value sits on once it has been converted, nor list the keys that were expected; every error here
/// carries file, line, column, the dotted key path and what was expected.</remarks>
internal sealed class YamlBinder(string fileName)
{
    public object Bind(YamlNode node, Type type, string path)
    {
        var underlying = Nullable.GetUnderlyingType(type);
        if (underlying is not null)
        {
            return IsNull(node) ? null! : Bind(node, underlying, path);
        }

        if (type == typeof(string))
        {
            return Scalar(node, path, "a string");
        }

        if (type == typeof(int))
        {
            var text = Scalar(node, path, "a whole number");
            return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, path, $"expected a whole number, got '{text}'");
        }

        if (type == typeof(double))
        {
            var text = Scalar(node, path, "a number");
            return double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, path, $"expected a number, got '{text}'");
        }

        if (type == typeof(decimal))
        {
            var text = Scalar(node, path, "a number");
            return decimal.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
                ? value
                : throw Error(node, path, $"expected a number, got '{text}'");
        }

        if (type == typeof(bool))
        {
            var text = Scalar(node, path, "true or false");
            return text switch
            {
                "true" or "True" or "yes" => true,
                "false" or "False" or "no" => false,
                _ => throw Error(node, path, $"expected true or false, got '{text}'"),
            };
        }

        if (type == typeof(TimeSpan))
        {
            var text = Scalar(node, path, "a duration");
            return DurationParser.TryParse(text, out var value)
                ? value
                : throw Error(node, path, $"expected a duration such as 500ms, 30s, 5m or 1h, got '{text}'");
        }

        if (type.IsEnum)
        {
            var text = Scalar(node, path, "one of " + string.Join(", ", EnumNames(type)));
            var normalized = text.Replace("-", "", StringComparison.Ordinal).Replace("_", "", StringComparison.Ordinal);
            return Enum.TryParse(type, normalized, ignoreCase: true, out var value) && Enum.IsDefined(type, value!)
                ? value!
                : throw Error(node, path, $"expected one of {string.Join(", ", EnumNames(type))}, got '{text}'");
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>))
        {
            return BindList(node, type.GetGenericArguments()[0], path);
        }

        if (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)
            && type.GetGenericArguments()[0] == typeof(string))
        {
            return BindDictionary(node, type.GetGenericArguments()[1], path);
        }

        return BindRecord(node, type, path);
    }

    private object BindRecord(YamlNode node, Type type, string path)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.SetMethod is not null)
            .ToDictionary(p => ToSnakeCase(p.Name), StringComparer.Ordinal);
        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, $"expected a mapping with keys {string.Join(", ", properties.Keys)}");
        }

        var instance = Activator.CreateInstance(type)!;
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            var childPath = path.Length == 0 ? key : path + "." + key;
            if (!properties.TryGetValue(key, out var property))
            {
                throw Error(keyNode, childPath, $"unknown key '{key}'; expected one of: {string.Join(", ", properties.Keys)}");
            }

            var value = Bind(valueNode, property.PropertyType, childPath);
            Validate(property, value, valueNode, childPath);
            property.SetValue(instance, value);
            seen.Add(key);
        }

        // Properties declared with C#'s `required` modifier must be written in the file.
        foreach (var (key, property) in properties)
        {
            if (!seen.Contains(key) && property.IsDefined(typeof(System.Runtime.CompilerServices.RequiredMemberAttribute)))
            {
                throw Error(node, path, $"missing required key '{key}'");
            }
        }

        return instance;
    }

    private IList BindList(YamlNode node, Type elementType, string path)
    {
        var list = (IList)Activator.CreateInstance(typeof(List<>).MakeGenericType(elementType))!;
        if (node is YamlSequenceNode sequence)
        {
            var index = 0;
            foreach (var item in sequence.Children)
            {
                list.Add(Bind(item, elementType, $"{path}[{index++}]"));
            }
        }
        else if (!IsNull(node))
        {
            // A single value where a list is expected is read as a one-item list (include: "**/*.md").
            list.Add(Bind(node, elementType, path));
        }

        return list;
    }

    private IDictionary BindDictionary(YamlNode node, Type valueType, string path)
    {
        var dictionaryType = typeof(Dictionary<,>).MakeGenericType(typeof(string), valueType);
        var dictionary = (IDictionary)Activator.CreateInstance(dictionaryType, StringComparer.Ordinal)!;
        if (IsNull(node))
        {
            return dictionary;
        }

        if (node is not YamlMappingNode mapping)
        {
            throw Error(node, path, "expected a mapping of names to settings");
        }

        foreach (var (keyNode, valueNode) in mapping.Children)
        {
            var key = ((YamlScalarNode)keyNode).Value ?? "";
            dictionary[key] = Bind(valueNode, valueType, path.Length == 0 ? key : path + "." + key);
        }

        return dictionary;
    }

    private void Validate(PropertyInfo property, object? value, YamlNode node, string path)
    {
        foreach (var attribute in property.GetCustomAttributes<ValidationAttribute>())
        {
            if (!attribute.IsValid(value))
            {
                var expected = attribute switch
                {
                    RangeAttribute range => $"a value from {range.Minimum} to {range.Maximum}",
                    RequiredAttribute => "a non-empty value",
                    _ => attribute.FormatErrorMessage(path),
                };
                throw Error(node, path, $"expected {expected}, got '{(node as YamlScalarNode)?.Value}'");
            }
        }
    }

    private string Scalar(YamlNode node, string path, string expected)
    {
        if (node is YamlScalarNode { Value: not null } scalar)
        {
            return scalar.Value;
        }

        throw Error(node, path, $"expected {expected}");
    }

    private KeelConfigurationException Error(YamlNode node, string path, string message) =>
        new($"{fileName}:{node.Start.Line}:{node.Start.Column}: {path}: {message}");

    private static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Value: null or "" or "~" or "null" } scalar && scalar.Style == YamlDotNet.Core.ScalarStyle.Plain;

    private static IEnumerable<string> EnumNames(Type type) => Enum.GetNames(type).Select(name => ToSnakeCase(name).Replace('_', '-'));

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c))
            {
                if (i > 0 && (char.IsLower(name[i - 1]) || (i + 1 < name.Length && char.IsLower(name[i + 1]))))
                {
                    builder.Append('_');
                }

                builder.Append(char.ToLowerInvariant(c));
            }
            else
            {
                builder.Append(c);
            }
        }

        return builder.ToString();
    }
}
