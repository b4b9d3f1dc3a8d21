using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;

namespace Ingest.Collector.Hosting;

/// <summary>
/// Finds a service's methods as grpc-dotnet's own provider does (through the <c>BindService</c> method the
/// generated base class names), but reads each request through <see cref="RequestParsing"/>, so that bytes
/// that are no valid message answer InvalidArgument instead of Unknown and an error in the collector's log.
/// </summary>
internal sealed class ParsedRequestMethodProvider<TService> : IServiceMethodProvider<TService>
    where TService : class
{
    public void OnServiceMethodDiscovery(ServiceMethodProviderContext<TService> context)
    {
        var binding = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault();
        var bind = binding?.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == binding.BindMethodName && m.GetParameters() is [{ ParameterType: var first }, _] && first == typeof(ServiceBinderBase));
        bind?.Invoke(null, [new ParsedRequestBinder<TService>(context), null]);
    }
}
