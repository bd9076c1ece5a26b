using System.Linq.Expressions;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace Integrations.Platform;

/// <summary>
/// How a module shows itself to the host and to other modules: a public facade class (<c>KeyRing</c>,
/// <c>WebhookDirectory</c>, <c>RecordPipeline</c>…) with an <c>internal</c> constructor, so its collaborators stay
/// internal and only its own module can make one, registered by the module with <see cref="AddFacade{T}"/>.
/// </summary>
public static class Facades
{
    /// <summary>Registers <typeparamref name="T"/>, made through its one non-public constructor with services.</summary>
    public static IServiceCollection AddFacade<T>(this IServiceCollection services, ServiceLifetime lifetime = ServiceLifetime.Scoped)
        where T : class
    {
        var constructors = typeof(T).GetConstructors(BindingFlags.Instance | BindingFlags.Public | BindingFlags.NonPublic);
        if (constructors is not [{ IsAssembly: true } constructor])
        {
            throw new InvalidOperationException($"The facade {typeof(T).Name} must have exactly one constructor, and it must be internal.");
        }

        var provider = Expression.Parameter(typeof(IServiceProvider), "services");
        var arguments = constructor.GetParameters().Select(p => Expression.Call(
            typeof(ServiceProviderServiceExtensions), nameof(ServiceProviderServiceExtensions.GetRequiredService), [p.ParameterType], provider));
        var create = Expression.Lambda<Func<IServiceProvider, T>>(Expression.New(constructor, arguments), provider).Compile();
        services.Add(new ServiceDescriptor(typeof(T), create, lifetime));
        return services;
    }
}
