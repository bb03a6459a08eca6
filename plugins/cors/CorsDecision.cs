namespace Modular.Plugins.Cors;

/// <summary>Whether a cross-origin call is allowed, with credentials or not, and the methods its origin may use.</summary>
internal readonly record struct CorsDecision(bool Allowed, bool Credentials, string AllowedMethods);
