using System.Xml.Linq;
using Achats.Shared.Messaging;
using Achats.Testing;
using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnitV3;
using Shouldly;
using Xunit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;
using Assembly = System.Reflection.Assembly;

namespace Achats.ArchitectureTests;

/// <summary>
/// The module boundaries of ARCHITECTURE.md, checked on every build. Modules are discovered from the
/// assemblies beside the Host, so a new module is held to the same rules without touching this file.
/// </summary>
public sealed class ModuleBoundariesTests
{
    private static readonly Assembly[] Production = Directory.GetFiles(AppContext.BaseDirectory, "Achats.*.dll")
        .Select(path => Assembly.LoadFrom(path))
        .Where(assembly => !IsTestCode(assembly.GetName().Name!))
        .ToArray();

    private static readonly Architecture Architecture = new ArchLoader().LoadAssemblies(Production).Build();

    private static Assembly Host => Production.Single(assembly => Name(assembly) == "Achats.Host");

    private static Assembly Shared => Production.Single(assembly => Name(assembly) == "Achats.Shared");

    private static IEnumerable<Assembly> Contracts => Production.Where(assembly => Name(assembly).EndsWith(".Contracts", StringComparison.Ordinal));

    private static IEnumerable<Assembly> ModuleInternals => Production.Where(assembly =>
        assembly != Host && assembly != Shared && !Contracts.Contains(assembly));

    public static TheoryData<string> Modules => new(ModuleInternals.Select(Name));

    [Fact]
    public void The_modules_are_found() =>
        ModuleInternals.Select(Name).ShouldBe(["Achats.Access", "Achats.Audit", "Achats.Catalogue", "Achats.Charter", "Achats.Cohorts", "Achats.Community", "Achats.Enrolment"], ignoreOrder: true);

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_uses_no_other_module_but_through_its_contracts(string module)
    {
        var self = ModuleInternals.Single(assembly => Name(assembly) == module);
        foreach (var other in ModuleInternals.Where(assembly => assembly != self))
        {
            Types().That().ResideInAssembly(self)
                .Should().NotDependOnAnyTypesThat().ResideInAssembly(other)
                .Because($"{module} may see {Name(other)} only through {Name(other)}.Contracts")
                .Check(Architecture);
        }
    }

    [Fact]
    public void Nothing_but_the_host_uses_a_module_s_internals()
    {
        foreach (var user in Production.Where(assembly => assembly != Host))
        {
            foreach (var module in ModuleInternals.Where(module => module != user))
            {
                Types().That().ResideInAssembly(user)
                    .Should().NotDependOnAnyTypesThat().ResideInAssembly(module)
                    .Because("only the Host composes the modules")
                    .Check(Architecture);
            }
        }
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_has_one_wiring_class_named_after_it(string module) =>
        WiringOf(ModuleInternals.Single(assembly => Name(assembly) == module)).FullName.ShouldBe($"{module}.{module["Achats.".Length..]}Module");

    /// <summary>
    /// The Host composes: it calls a module's wiring (<c>AddXModule</c>, <c>ConfigureX</c>, <c>MapXModule</c>) and
    /// nothing else of it. Only the namespaces of <see cref="HostCodeBeyondWiring"/> may reach further, each for its reason.
    /// </summary>
    [Theory]
    [MemberData(nameof(Modules))]
    public void The_host_uses_a_module_only_through_its_wiring(string module)
    {
        var assembly = ModuleInternals.Single(candidate => Name(candidate) == module);
        var wiring = WiringOf(assembly).FullName;
        var reached = Architecture.Types
            .Where(type => IsIn(type, Name(Host)))
            .Where(type => !HostCodeBeyondWiring.Keys.Any(allowed => type.Namespace.FullName == allowed || type.Namespace.FullName.StartsWith(allowed + ".", StringComparison.Ordinal)))
            .SelectMany(type => type.Dependencies.Select(dependency => (From: type.FullName, To: dependency.Target)))
            .Where(use => IsIn(use.To, module) && use.To.FullName != wiring)
            .Select(use => $"{use.From} -> {use.To.FullName}")
            .Distinct()
            .ToList();

        reached.ShouldBeEmpty($"the Host may use {module} only through {wiring}");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void Validators_and_endpoints_stay_inside_their_module(string module)
    {
        // Wolverine's generated code (in the Host) needs handlers and messages public; nothing needs these.
        var exported = ModuleInternals.Single(assembly => Name(assembly) == module).GetExportedTypes();

        exported.Where(type => IsValidator(type) || type.Name.EndsWith("Endpoint", StringComparison.Ordinal) || type.Name.EndsWith("Endpoints", StringComparison.Ordinal))
            .Select(type => type.FullName).ShouldBeEmpty($"{module}'s validators and endpoints are internal");
    }

    [Theory]
    [MemberData(nameof(Modules))]
    public void A_module_s_classes_are_sealed_or_static(string module)
    {
        var exported = ModuleInternals.Single(assembly => Name(assembly) == module).GetExportedTypes();

        exported.Where(type => type is { IsClass: true, IsSealed: false, IsAbstract: false }
                && !typeof(Microsoft.AspNetCore.Components.IComponent).IsAssignableFrom(type) // Razor generates pages unsealed
                && !typeof(System.Attribute).IsAssignableFrom(type)
                && type.Name != "_Imports") // Razor generates it for the folder's usings
            .Select(type => type.FullName).ShouldBeEmpty($"{module}'s classes are sealed by default");
    }

    private static bool IsValidator(System.Type type)
    {
        for (var current = type.BaseType; current is not null; current = current.BaseType)
        {
            if (current.IsGenericType && current.GetGenericTypeDefinition().FullName == "FluentValidation.AbstractValidator`1")
            {
                return true;
            }
        }

        return false;
    }

    [Fact]
    public void The_shared_kernel_uses_no_module()
    {
        foreach (var module in Production.Where(assembly => assembly != Shared && assembly != Host))
        {
            Types().That().ResideInAssembly(Shared)
                .Should().NotDependOnAnyTypesThat().ResideInAssembly(module)
                .Because("Achats.Shared holds no domain concept")
                .Check(Architecture);
        }
    }

    [Fact]
    public void Contracts_reference_nothing_but_the_base_class_library()
    {
        foreach (var contracts in Contracts)
        {
            contracts.GetReferencedAssemblies().Select(reference => reference.Name!)
                .Where(name => !IsBaseClassLibrary(name))
                .ShouldBeEmpty($"{Name(contracts)} must hold primitives and ids only");
        }
    }

    [Fact]
    public void Every_integration_event_declares_its_stable_name_on_the_bus()
    {
        var messages = Contracts.SelectMany(contracts => contracts.GetExportedTypes())
            .Where(type => type.IsClass && !(type.IsAbstract && type.IsSealed)) // messages, not static label tables
            .ToList();

        messages.ShouldNotBeEmpty();
        foreach (var message in messages)
        {
            ContractMessageNaming.DeclaredName(message)
                .ShouldNotBeNullOrWhiteSpace($"{message.FullName} needs a public const string {ContractMessageNaming.FieldName}");
        }

        messages.Select(ContractMessageNaming.DeclaredName).ShouldBeUnique();
    }

    /// <summary>The compiled assemblies show what is used; the project files show what is declared. Both must obey.</summary>
    [Fact]
    public void Project_references_follow_the_same_rules()
    {
        foreach (var project in Directory.GetFiles(Path.Combine(Repository.Root, "src"), "*.csproj", SearchOption.AllDirectories))
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var document = XDocument.Load(project);
            var references = document.Descendants("ProjectReference")
                .Select(reference => Path.GetFileNameWithoutExtension(reference.Attribute("Include")!.Value.Replace('\\', '/')))
                .ToList();

            if (name.EndsWith(".Contracts", StringComparison.Ordinal))
            {
                references.Concat(document.Descendants("PackageReference").Select(package => package.Attribute("Include")!.Value))
                    .ShouldBeEmpty($"{name} must depend on the base class library only");
            }
            else if (name == "Achats.Shared")
            {
                references.ShouldBeEmpty("Achats.Shared must not reference a module");
            }
            else if (name != "Achats.Host")
            {
                references.Where(reference => reference != "Achats.Shared" && !reference.EndsWith(".Contracts", StringComparison.Ordinal))
                    .ShouldBeEmpty($"{name} may reference Achats.Shared and other modules' contracts only");
            }
        }
    }

    /// <summary>Host code that may use a module beyond its wiring, and why; remove an entry as soon as its reason goes.</summary>
    private static readonly Dictionary<string, string> HostCodeBeyondWiring = new()
    {
        ["Internal.Generated"] = "Wolverine's handler code for the modules' handlers, generated into the Host (ADR 0004)",
    };

    /// <summary>The static class through which the Host wires a module: <c>Achats.Enrolment.EnrolmentModule</c>.</summary>
    private static System.Type WiringOf(Assembly module) =>
        module.GetExportedTypes().Single(type => type is { IsAbstract: true, IsSealed: true } && type.Name.EndsWith("Module", StringComparison.Ordinal));

    private static string Name(Assembly assembly) => assembly.GetName().Name!;

    // ArchUnitNET names a loaded assembly by its simple name and a referenced one by its full name.
    // Generic parameters have no assembly.
    private static bool IsIn(IType type, string assembly) =>
        type.Assembly?.Name is { } name && (name == assembly || name.StartsWith(assembly + ",", StringComparison.Ordinal));

    private static bool IsTestCode(string name) => name.EndsWith("Tests", StringComparison.Ordinal) || name == "Achats.Testing";

    private static bool IsBaseClassLibrary(string name) =>
        name is "netstandard" or "mscorlib" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
