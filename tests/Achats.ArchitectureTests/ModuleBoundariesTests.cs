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
        ModuleInternals.Select(Name).ShouldBe(["Achats.Charter", "Achats.Cohorts", "Achats.Enrolment"], ignoreOrder: true);

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

    private static string Name(Assembly assembly) => assembly.GetName().Name!;

    private static bool IsTestCode(string name) => name.EndsWith("Tests", StringComparison.Ordinal) || name == "Achats.Testing";

    private static bool IsBaseClassLibrary(string name) =>
        name is "netstandard" or "mscorlib" || name == "System" || name.StartsWith("System.", StringComparison.Ordinal);
}
