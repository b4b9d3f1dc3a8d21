using System.Collections;
using System.Globalization;

namespace Ingest.Repository.Tests.Settings;

/// <summary>How a setting's type and default read in docs/settings.md: as an operator writes them in appsettings.json.</summary>
internal static class SettingValues
{
    /// <summary>The kind of value <paramref name="type"/> takes, e.g. <c>duration</c> or <c>`Block` or `DropOldest`</c>.</summary>
    public static string TypeName(Type type)
    {
        if (Nullable.GetUnderlyingType(type) is { } underlying)
        {
            return TypeName(underlying) + " (optional)";
        }

        if (type.IsEnum)
        {
            var names = Enum.GetNames(type).Select(name => $"`{name}`").ToList();
            return names.Count == 1 ? names[0] : string.Join(", ", names[..^1]) + " or " + names[^1];
        }

        if (DictionaryValueType(type) is { } value)
        {
            return $"map of name to {TypeName(value)}";
        }

        if (ListElementType(type) is { } element)
        {
            return $"list of {TypeName(element)}";
        }

        return Type.GetTypeCode(type) switch
        {
            TypeCode.Boolean => "bool",
            TypeCode.String => "string",
            TypeCode.Int16 or TypeCode.Int32 or TypeCode.Int64 or TypeCode.UInt16 or TypeCode.UInt32 or TypeCode.UInt64 or TypeCode.Byte => "integer",
            TypeCode.Single or TypeCode.Double or TypeCode.Decimal => "number",
            _ when type == typeof(TimeSpan) => "duration",
            _ => type.Name,
        };
    }

    /// <summary><paramref name="value"/> as appsettings.json would hold it, in a code span; words for none and empty.</summary>
    public static string Default(object? value) => value switch
    {
        null => "none",
        string { Length: 0 } => "empty",
        IDictionary { Count: 0 } or ICollection { Count: 0 } => "empty",
        _ => $"`{Literal(value)}`",
    };

    /// <summary><paramref name="value"/> as appsettings.json would hold it.</summary>
    public static string Literal(object value) => value switch
    {
        string text => text,
        bool flag => flag ? "true" : "false",
        TimeSpan duration => Duration(duration),
        Enum named => named.ToString(),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        IEnumerable items => string.Join(", ", items.Cast<object>().Select(Literal)),
        _ => value.ToString() ?? "",
    };

    /// <summary>The element type of a list, or null when <paramref name="type"/> is not a list.</summary>
    public static Type? ListElementType(Type type) =>
        type != typeof(string) && type.IsGenericType && typeof(IEnumerable).IsAssignableFrom(type) && type.GetGenericArguments() is [var element]
            ? element
            : null;

    /// <summary>The value type of a dictionary keyed by name, or null when <paramref name="type"/> is not one.</summary>
    public static Type? DictionaryValueType(Type type) =>
        type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Dictionary<,>) && type.GetGenericArguments() is [var key, var value] && key == typeof(string)
            ? value
            : null;

    // 00:00:05, 00:00:00.250, 1.00:00:00: the constant ("c") format without trailing zeros in the fraction.
    private static string Duration(TimeSpan duration)
    {
        var text = duration.ToString(duration.Days != 0 ? @"d\.hh\:mm\:ss" : @"hh\:mm\:ss", CultureInfo.InvariantCulture);
        var fraction = duration.Ticks % TimeSpan.TicksPerSecond;
        if (fraction != 0)
        {
            var digits = fraction.ToString("D7", CultureInfo.InvariantCulture).TrimEnd('0');
            text += "." + digits.PadRight(3, '0');
        }

        return (duration < TimeSpan.Zero ? "-" : "") + text;
    }
}
