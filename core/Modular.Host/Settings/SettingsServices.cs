using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Modular.Abstractions;

namespace Modular.Host.Settings;

/// <summary>Puts every settings class of the store into dependency injection as <see cref="IOptionsMonitor{T}"/> and <see cref="IOptions{T}"/>.</summary>
internal static class SettingsServices
{
    public static IServiceCollection AddModularSettings(this IServiceCollection services, SettingsStore store)
    {
        services.AddSingleton(store);
        services.AddSingleton<ISettingsView>(new SettingsView(store.Catalog, () => store.Current));
        foreach (var (_, type) in store.Catalog.Classes)
        {
            var monitor = typeof(SettingsMonitor<>).MakeGenericType(type);
            services.AddSingleton(monitor, _ => Activator.CreateInstance(monitor, store)!);
            services.AddSingleton(typeof(IOptionsMonitor<>).MakeGenericType(type), provider => provider.GetRequiredService(monitor));
            services.AddSingleton(typeof(IOptions<>).MakeGenericType(type), provider => provider.GetRequiredService(monitor));
        }
        return services;
    }
}
