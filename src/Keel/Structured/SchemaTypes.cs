namespace Keel;

/// <summary>The JSON types a schema node accepts; <see cref="None"/> means any.</summary>
[Flags]
internal enum SchemaTypes
{
    None = 0,
    Object = 1,
    Array = 2,
    String = 4,
    Integer = 8,
    Number = 16,
    Boolean = 32,
    Null = 64,
}
