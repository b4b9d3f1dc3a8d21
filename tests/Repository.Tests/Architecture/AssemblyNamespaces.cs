using Assembly = System.Reflection.Assembly;
using Mono.Cecil;

namespace Ingest.Repository.Tests.Architecture;

/// <summary>
/// Reads an assembly's namespace graph from its IL with Mono.Cecil: base types, interfaces, fields, properties,
/// events, signatures, attributes, generic arguments and constraints, locals and every member a method body
/// names. Compiler-generated types (closures, state machines) count for the type they are nested in.
/// </summary>
internal static class AssemblyNamespaces
{
    /// <summary>The graph of the namespaces under <paramref name="assembly"/>'s name (the programs' root namespace).</summary>
    public static NamespaceGraph Read(Assembly assembly)
    {
        var root = assembly.GetName().Name!;
        using var module = ModuleDefinition.ReadModule(assembly.Location);
        var reader = new Reader(root);
        foreach (var type in module.GetTypes())
        {
            reader.Add(type);
        }

        return new NamespaceGraph(reader.Edges, reader.Nodes);
    }

    private sealed class Reader(string root)
    {
        public HashSet<(string From, string To)> Edges { get; } = [];

        public HashSet<string> Nodes { get; } = new(StringComparer.Ordinal);

        public void Add(TypeDefinition type)
        {
            if (Namespace(type) is not { } from)
            {
                return;
            }

            Nodes.Add(from);
            Attributes(from, type);
            Use(from, type.BaseType);
            foreach (var implemented in type.Interfaces)
            {
                Use(from, implemented.InterfaceType);
            }

            Constraints(from, type.GenericParameters);
            foreach (var field in type.Fields)
            {
                Use(from, field.FieldType);
                Attributes(from, field);
            }

            foreach (var property in type.Properties)
            {
                Use(from, property.PropertyType);
                Attributes(from, property);
            }

            foreach (var @event in type.Events)
            {
                Use(from, @event.EventType);
            }

            foreach (var method in type.Methods)
            {
                Method(from, method);
            }
        }

        private void Method(string from, MethodDefinition method)
        {
            Attributes(from, method);
            Use(from, method.ReturnType);
            foreach (var parameter in method.Parameters)
            {
                Use(from, parameter.ParameterType);
            }

            Constraints(from, method.GenericParameters);
            if (!method.HasBody)
            {
                return;
            }

            foreach (var variable in method.Body.Variables)
            {
                Use(from, variable.VariableType);
            }

            foreach (var instruction in method.Body.Instructions)
            {
                if (instruction.Operand is MemberReference member)
                {
                    Member(from, member);
                }
            }
        }

        private void Member(string from, MemberReference member)
        {
            switch (member)
            {
                case MethodReference method:
                    Use(from, method.DeclaringType);
                    Use(from, method.ReturnType);
                    foreach (var parameter in method.Parameters)
                    {
                        Use(from, parameter.ParameterType);
                    }

                    if (method is GenericInstanceMethod generic)
                    {
                        foreach (var argument in generic.GenericArguments)
                        {
                            Use(from, argument);
                        }
                    }

                    break;
                case FieldReference field:
                    Use(from, field.DeclaringType);
                    Use(from, field.FieldType);
                    break;
                case TypeReference type:
                    Use(from, type);
                    break;
            }
        }

        private void Attributes(string from, ICustomAttributeProvider provider)
        {
            foreach (var attribute in provider.CustomAttributes)
            {
                Use(from, attribute.AttributeType);
            }
        }

        private void Constraints(string from, IEnumerable<GenericParameter> parameters)
        {
            foreach (var parameter in parameters)
            {
                foreach (var constraint in parameter.Constraints)
                {
                    Use(from, constraint.ConstraintType);
                }
            }
        }

        private void Use(string from, TypeReference? type)
        {
            switch (type)
            {
                case null or GenericParameter:
                    return;
                case GenericInstanceType generic:
                    foreach (var argument in generic.GenericArguments)
                    {
                        Use(from, argument);
                    }

                    Use(from, generic.ElementType);
                    return;
                case TypeSpecification specification:
                    Use(from, specification.ElementType);
                    return;
            }

            if (Namespace(type) is { } to && to != from)
            {
                Edges.Add((from, to));
            }
        }

        /// <summary>The namespace, relative to the root, of the outermost type declaring <paramref name="type"/>; null outside the root.</summary>
        private string? Namespace(TypeReference type)
        {
            while (type.DeclaringType is not null)
            {
                type = type.DeclaringType;
            }

            var ns = type.Namespace;
            if (ns == root)
            {
                return "(root)";
            }

            return ns.StartsWith(root + ".", StringComparison.Ordinal) ? ns[(root.Length + 1)..] : null;
        }
    }
}
