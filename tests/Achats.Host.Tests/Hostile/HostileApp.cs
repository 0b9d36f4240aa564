using Achats.Host.Tests.Cohorts;
using Achats.Shared.Access;
using Achats.Testing;

namespace Achats.Host.Tests.Hostile;

/// <summary>
/// A cohort with its programme scheduled and three admitted participants, and one client per kind of caller:
/// anonymous, each staff role, and an INEC key of each partner scope. The hostile requests aim at these real ids.
/// </summary>
public sealed class HostileApp(PostgresServer postgres) : ApiWithScheduledProgramme(postgres)
{
    public const string Anonymous = "anonyme";

    public Dictionary<string, HttpClient> Callers { get; } = [];

    /// <summary>A solution awaiting review, for the catalogue's review operations (review slice).</summary>
    public Guid SolutionId { get; private set; }

    public override async ValueTask InitializeAsync()
    {
        await base.InitializeAsync();
        SolutionId = await this.AwaitingReviewAsync(CatalogueSolutions.Content(title: "Solution de la suite hostile", contactEmail: "hostile@fournisseur.example"));
        Callers[Anonymous] = CreateBrowserClient();
        foreach (var role in new[] { StaffRole.Administrator, StaffRole.ProgrammeStaff, StaffRole.Auditor })
        {
            Callers[role] = await SignedInAsync(role);
        }

        foreach (var scope in PartnerScope.All)
        {
            Callers[$"partner {scope}"] = await PartnerAsync(OrganisingStructure.Inec, scope);
        }
    }

    /// <summary>A real id for a route or body value of this name, when the fixture has one.</summary>
    public Guid? KnownId(string name) => name.ToLowerInvariant() switch
    {
        "cohortid" => CohortId,
        "enrolmentid" => Claude,
        "sessionid" => Plenary,
        "sequenceid" => SequenceId,
        "solutionid" => SolutionId,
        _ => null,
    };
}
