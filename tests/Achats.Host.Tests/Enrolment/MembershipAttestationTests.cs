using System.Net;
using System.Net.Http.Json;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>Partners attest and withdraw memberships with their keys; every enrolment of the organisation is re-assessed, saying why.</summary>
public sealed class MembershipAttestationTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_attestation_then_its_withdrawal_re_assess_every_open_enrolment_of_the_organisation()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var inec = await app.PartnerAsync(OrganisingStructure.Inec, PartnerScope.AttestMemberships, PartnerScope.ReadAttestations);
        var siren = NewSiren();
        var first = (await _driver.PreRegisterAsync(Form(await _driver.OpenCohortAsync(staff), siren, memberships: ["Inec"]))).EnrolmentId;
        var second = (await _driver.PreRegisterAsync(Form(await _driver.OpenCohortAsync(staff), siren, memberships: ["Inec"]))).EnrolmentId;

        var (attested, _) = await app.PostTrackedAsync(inec, Memberships, new { siren, since = "2023-05-01", until = "2030-12-31" });

        var attestation = await attested.ReadAsync<AttestationAnswer>(HttpStatusCode.OK);
        attestation.Membership.ShouldBe("Inec");
        attestation.Partner.ShouldBe("Inec");
        foreach (var enrolmentId in new[] { first, second })
        {
            (await _driver.EnrolmentAsync(staff, enrolmentId)).EffectiveEligibility.ShouldBe("Free");
        }

        var listed = await (await inec.GetAsync(Memberships, Cancellation)).ReadAsync<List<AttestationAnswer>>(HttpStatusCode.OK);
        listed.ShouldContain(item => item.Siren == siren);

        var (withdrawn, _) = await app.TrackedAsync(inec, client => client.DeleteAsync($"{Memberships}/{siren}", Cancellation));

        withdrawn.StatusCode.ShouldBe(HttpStatusCode.NoContent);
        var reassessed = await _driver.EnrolmentAsync(staff, first);
        reassessed.EffectiveEligibility.ShouldBe("AwaitingAttestation");
        var timeline = await (await staff.GetAsync($"{Enrolments}/{first}/timeline", Cancellation)).ReadAsync<List<TimelineEntryAnswer>>(HttpStatusCode.OK);
        var why = timeline.Select(entry => entry.Why ?? "").ToList();
        why.ShouldContain(text => text.StartsWith("Membre de l'INEC : adhésion attestée par l'INEC (du 01/05/2023 au 31/12/2030).", StringComparison.Ordinal));
        why[^1].ShouldStartWith("Membre de l'INEC : attestation retirée par l'INEC.");
        var after = await (await inec.GetAsync(Memberships, Cancellation)).ReadAsync<List<AttestationAnswer>>(HttpStatusCode.OK);
        after.Single(item => item.Siren == siren).WithdrawnAt.ShouldNotBeNull();
        (await inec.DeleteAsync($"{Memberships}/{siren}", Cancellation)).StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_partner_attests_only_its_own_membership_and_Les_Canaux_says_which()
    {
        using var inec = await app.PartnerAsync(OrganisingStructure.Inec, PartnerScope.AttestMemberships);
        using var canaux = await app.PartnerAsync(OrganisingStructure.LesCanaux, PartnerScope.AttestMemberships);
        var siren = NewSiren();

        var foreign = await inec.PostAsJsonAsync(Memberships, new { siren, membership = "ObsAR", since = "2024-01-01" }, Cancellation);
        var unspecified = await canaux.PostAsJsonAsync(Memberships, new { siren, since = "2024-01-01" }, Cancellation);
        var invalid = await inec.PostAsJsonAsync(Memberships, new { siren = "123456789", since = "2024-01-01", until = "2023-01-01" }, Cancellation);
        var governance = await canaux.PostAsJsonAsync(Memberships, new { siren, membership = "LesCanauxGovernance", since = "2024-01-01" }, Cancellation);

        (await foreign.ReadAsync<Problem>(HttpStatusCode.Forbidden)).Detail
            .ShouldBe("Un partenaire n'atteste que l'adhésion à sa propre structure.");
        (await unspecified.ReadAsync<Problem>(HttpStatusCode.BadRequest)).Error("membership")
            .ShouldContain("LesCanauxBuyersCommunity");
        var invalidProblem = await invalid.ReadAsync<Problem>(HttpStatusCode.BadRequest);
        invalidProblem.Error("siren").ShouldContain("Luhn");
        invalidProblem.Error("until").ShouldBe("La fin de l'adhésion ne peut précéder son début.");
        (await governance.ReadAsync<AttestationAnswer>(HttpStatusCode.OK)).Membership.ShouldBe("LesCanauxGovernance");
    }

    [Fact]
    public async Task An_attestation_made_before_the_pre_registration_counts_at_once()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var obsar = await app.PartnerAsync(OrganisingStructure.ObsAR, PartnerScope.AttestMemberships);
        var siren = NewSiren();
        (await obsar.PostAsJsonAsync(Memberships, new { siren, since = "2022-01-01" }, Cancellation)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var receipt = await _driver.PreRegisterAsync(Form(await _driver.OpenCohortAsync(staff), siren));

        receipt.Eligibility.ShouldBe("Free");
        receipt.EligibilityReasons[0].ShouldContain("attestée par l'ObsAR");
    }
}
