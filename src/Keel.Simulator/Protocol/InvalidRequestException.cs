namespace Keel.Simulator;

/// <summary>A request the real API would reject with 400; the message says why, as the provider would.</summary>
internal sealed class InvalidRequestException(string message) : Exception(message);
