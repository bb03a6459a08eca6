namespace Modular.Abstractions;

/// <summary>Implemented by a plugin's entry class (beside <see cref="IModularPlugin"/>) that offers endpoints to operators on
/// the admin API (contract 1.3): counts, purges, anything an operator runs by hand or from a script.</summary>
public interface IAdminEndpoints
{
    /// <summary>Called once at start, after <see cref="IModularPlugin.Configure"/>, when the admin API is on.</summary>
    void MapAdmin(IAdminRoutes routes);
}
