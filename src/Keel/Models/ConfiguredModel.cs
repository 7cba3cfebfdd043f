namespace Keel;

/// <summary>A model as named in keel.yaml: the name under <c>models:</c> and its provider's name, for messages that
/// name it the way the user wrote it.</summary>
internal sealed record ConfiguredModel(string Name, string Provider);
