namespace Modular.Abstractions;

/// <summary>One broken rule: the key it concerns and what is allowed, as a sentence.</summary>
/// <param name="Key">The setting's key, as declared.</param>
/// <param name="Message">What is wrong and what is allowed, e.g. "must neither start nor end with '/'".</param>
public sealed record SettingProblem(string Key, string Message);
