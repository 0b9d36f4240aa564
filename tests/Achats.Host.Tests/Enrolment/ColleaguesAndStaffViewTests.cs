using System.Net;
using System.Net.Http.Json;
using Achats.Enrolment.Contracts;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>Colleagues of one organisation (pairs, shared projects, replacement), withdrawal, override, and what staff read.</summary>
public sealed class ColleaguesAndStaffViewTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Colleagues_pair_up_share_a_project_and_one_is_replaced_keeping_both_histories()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var siren = NewSiren();
        var buyer = await PreRegisterPublicBodyAsync(cohortId, siren);
        var colleague = await PreRegisterPublicBodyAsync(cohortId, siren);

        (await staff.PostAsJsonAsync($"{Enrolments}/{buyer}/pair", new { colleagueEnrolmentId = colleague }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var twice = await staff.PostAsJsonAsync($"{Enrolments}/{colleague}/pair", new { colleagueEnrolmentId = buyer }, Cancellation);
        (await twice.ReadAsync<Problem>(HttpStatusCode.Conflict)).Detail!.ShouldContain("déjà un binôme");
        (await staff.PostAsJsonAsync($"{Enrolments}/{colleague}/project", new { colleagueEnrolmentId = buyer }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        // Validated, then replaced: the newcomer takes the place at the same stage, the pair follows.
        var (validated, _) = await app.PostTrackedAsync(staff, $"{Enrolments}/{buyer}/validation", new { version = await _driver.VersionAsync(staff, buyer) });
        validated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var (replaced, replacement) = await app.PostTrackedAsync(staff, $"{Enrolments}/{buyer}/replacement", new
        {
            version = await _driver.VersionAsync(staff, buyer),
            reason = "Mutation dans un autre service.",
            newParticipant = new { firstName = "Sacha", lastName = "Martin", email = $"sacha.{Guid.CreateVersion7():N}@ville.test", jobTitle = "Acheteur", profile = "PublicBuyer" },
        });
        var newcomer = (await replaced.ReadAsync<ReplacementAnswer>(HttpStatusCode.Created)).EnrolmentId;
        Published<EnrolmentWithdrawn>(replacement).ShouldHaveSingleItem().ReplacedByEnrolmentId.ShouldBe(newcomer);
        Published<PreRegistrationValidated>(replacement).ShouldHaveSingleItem().EnrolmentId.ShouldBe(newcomer);

        var old = await _driver.EnrolmentAsync(staff, buyer);
        old.Status.ShouldBe("Withdrawn");
        old.ReplacedBy.ShouldBe(newcomer);
        var taken = await _driver.EnrolmentAsync(staff, newcomer);
        taken.Status.ShouldBe("Validated");
        taken.Replaces.ShouldBe(buyer);
        taken.PairedWith.ShouldBe(colleague);
        (await _driver.EnrolmentAsync(staff, colleague)).PairedWith.ShouldBe(newcomer);
        var oldTimeline = await (await staff.GetAsync($"{Enrolments}/{buyer}/timeline", Cancellation)).ReadAsync<List<TimelineEntryAnswer>>(HttpStatusCode.OK);
        oldTimeline.Single(entry => entry.Event == "enrolment.participant_replaced").Why.ShouldBe("Mutation dans un autre service.");
        oldTimeline[^1].Event.ShouldBe("enrolment.pair_dissolved");

        // The organisation view: three enrolments, one pair (the newcomer and the colleague), one project of two.
        var organisation = await (await staff.GetAsync($"/api/enrolment/v1/organisations/{siren}", Cancellation)).ReadAsync<OrganisationAnswer>(HttpStatusCode.OK);
        organisation.Commune.ShouldBe("MONTREUIL");
        organisation.Enrolments.Count.ShouldBe(3);
        var pair = organisation.Pairs.ShouldHaveSingleItem();
        new[] { pair.FirstEnrolmentId, pair.SecondEnrolmentId }.Order().ShouldBe(new[] { newcomer, colleague }.Order());
        organisation.Projects.ShouldHaveSingleItem().EnrolmentIds.Order().ShouldBe(new[] { newcomer, colleague }.Order());
    }

    [Fact]
    public async Task Pairs_join_only_colleagues_of_one_organisation_in_one_cohort()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var one = await PreRegisterPublicBodyAsync(cohortId, NewSiren());
        var stranger = await PreRegisterPublicBodyAsync(cohortId, NewSiren());

        var response = await staff.PostAsJsonAsync($"{Enrolments}/{one}/pair", new { colleagueEnrolmentId = stranger }, Cancellation);

        (await response.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Detail!.ShouldContain("même structure");
        (await _driver.EnrolmentAsync(staff, one)).PairedWith.ShouldBeNull();
    }

    [Fact]
    public async Task Withdrawal_at_any_stage_needs_a_reason_publishes_EnrolmentWithdrawn_and_frees_the_email()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var email = $"alex.{Guid.CreateVersion7():N}@ville.test";
        var form = Form(cohortId, NewSiren(), email);
        var enrolmentId = (await _driver.PreRegisterAsync(form)).EnrolmentId;
        var version = await _driver.VersionAsync(staff, enrolmentId);

        var noReason = await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/withdrawal", new { version, reason = "", requestedBy = "Participant" }, Cancellation);
        var (withdrawn, messages) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/withdrawal",
            new { version, reason = "Changement de poste.", requestedBy = "Participant" });

        (await noReason.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("reason").ShouldBe("Le motif du retrait est obligatoire.");
        withdrawn.StatusCode.ShouldBe(HttpStatusCode.OK);
        var published = Published<EnrolmentWithdrawn>(messages).ShouldHaveSingleItem();
        published.Reason.ShouldBe("Changement de poste.");
        published.WasAdmitted.ShouldBeFalse();
        var again = await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/withdrawal",
            new { version = version + 1, reason = "Encore.", requestedBy = "Staff" }, Cancellation);
        again.StatusCode.ShouldBe(HttpStatusCode.Conflict);
        // The person may come back later with the same email.
        (await _driver.PreRegisterAsync(form)).EnrolmentId.ShouldNotBe(enrolmentId);
    }

    [Fact]
    public async Task Staff_override_the_eligibility_with_a_reason_and_may_then_validate()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var enrolmentId = (await _driver.PreRegisterAsync(Form(cohortId, NewSiren()))).EnrolmentId;
        var version = await _driver.VersionAsync(staff, enrolmentId);

        var overridden = await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/eligibility-override",
            new { version, free = true, reason = "Adhésion ObsAR en cours, confirmée par téléphone." }, Cancellation);
        var changed = await overridden.ReadAsync<EnrolmentChangeAnswer>(HttpStatusCode.OK);
        var (validated, _) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/validation", new { version = changed.Version });

        validated.StatusCode.ShouldBe(HttpStatusCode.OK);
        var enrolment = await _driver.EnrolmentAsync(staff, enrolmentId);
        enrolment.Eligibility!.Outcome.ShouldBe("MembershipRequired");
        enrolment.EffectiveEligibility.ShouldBe("Free");
        enrolment.Override!.Reason.ShouldBe("Adhésion ObsAR en cours, confirmée par téléphone.");
    }

    [Fact]
    public async Task The_list_filters_by_cohort_status_eligibility_profile_and_kind_and_counts_each_status()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var publicBody = await PreRegisterPublicBodyAsync(cohortId, NewSiren());
        var company = (await _driver.PreRegisterAsync(Form(cohortId, NewSiren()))).EnrolmentId;
        var rejected = (await _driver.PreRegisterAsync(Form(cohortId, NewSiren()))).EnrolmentId;
        (await staff.PostAsJsonAsync($"{Enrolments}/{rejected}/rejection", new { version = await _driver.VersionAsync(staff, rejected), reason = "Doublon." }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var all = await ListAsync(auditor, $"cohortId={cohortId}");
        var free = await ListAsync(auditor, $"cohortId={cohortId}&eligibility=Free");
        var companies = await ListAsync(auditor, $"cohortId={cohortId}&organisationKind=PrivateCompany&status=PreRegistered");
        var buyers = await ListAsync(auditor, $"cohortId={cohortId}&profile=PublicBuyer");
        var badPage = await auditor.GetAsync($"{Enrolments}?pageSize=1000", Cancellation);

        all.Total.ShouldBe(3);
        all.Items[0].Id.ShouldBe(rejected); // newest first
        all.Pipeline["PreRegistered"].ShouldBe(2);
        all.Pipeline["Rejected"].ShouldBe(1);
        Ids(free).ShouldBe([publicBody]);
        Ids(companies).ShouldBe([company]);
        companies.Pipeline["Rejected"].ShouldBe(1); // the pipeline ignores the status filter
        Ids(buyers).ShouldBe([publicBody]);
        (await badPage.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("pageSize")
            .ShouldBe("Une page compte de 1 à 200 inscriptions.");
    }

    private static async Task<EnrolmentListAnswer> ListAsync(HttpClient client, string query) =>
        await (await client.GetAsync($"{Enrolments}?{query}", Cancellation)).ReadAsync<EnrolmentListAnswer>(HttpStatusCode.OK);

    private static Guid[] Ids(EnrolmentListAnswer list) => [.. list.Items.Select(item => item.Id)];

    /// <summary>A public buyer of Montreuil (93048): free under (a), so staff may validate at once.</summary>
    private async Task<Guid> PreRegisterPublicBodyAsync(Guid cohortId, string siren)
    {
        var form = Form(cohortId, siren);
        var participant = (Dictionary<string, object?>)form["participant"]!;
        participant["profile"] = "PublicBuyer";
        var organisation = (Dictionary<string, object?>)form["organisation"]!;
        organisation["kind"] = "CommuneEptOrMetropole";
        organisation["communeInseeCode"] = "93048";
        return (await _driver.PreRegisterAsync(form)).EnrolmentId;
    }
}
