using System.Reflection;
using Grpc.AspNetCore.Server.Model;
using Grpc.Core;
using Ingest.Collector.Calls;

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
        // A service that cannot be bound would answer Unimplemented to every call: refuse to start instead.
        var binding = typeof(TService).GetCustomAttributes<BindServiceMethodAttribute>(inherit: true).FirstOrDefault()
            ?? throw new InvalidOperationException(
                $"{typeof(TService).FullName} has no BindServiceMethodAttribute; a gRPC service must derive from the base class generated from its .proto");
        var bind = binding.BindType.GetMethods(BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            .FirstOrDefault(m => m.Name == binding.BindMethodName && m.GetParameters() is [{ ParameterType: var first }, _] && first == typeof(ServiceBinderBase))
            ?? throw new InvalidOperationException(
                $"{typeof(TService).FullName}: {binding.BindType.FullName} has no static {binding.BindMethodName}(ServiceBinderBase, service) method to bind it with");
        bind.Invoke(null, [new ParsedRequestBinder<TService>(context), null]);
    }
}
