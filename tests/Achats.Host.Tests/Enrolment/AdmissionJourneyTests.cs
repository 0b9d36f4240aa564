using System.Net;
using System.Net.Http.Json;
using Achats.Charter.Contracts;
using Achats.Enrolment.Contracts;
using Achats.Shared.Access;
using Achats.Testing;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;
using static Achats.Host.Tests.Enrolment.EnrolmentDriver;

namespace Achats.Host.Tests.Enrolment;

/// <summary>The heart of the programme, end to end: pre-register → attest → eligible → validate → charter signed → admitted.</summary>
public sealed class AdmissionJourneyTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private readonly EnrolmentDriver _driver = new(app);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_private_buyer_member_of_ObsAR_is_pre_registered_attested_validated_and_admitted_once_the_charter_is_signed()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var obsar = await app.PartnerAsync(OrganisingStructure.ObsAR, PartnerScope.AttestMemberships);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var siren = NewSiren();

        // Pre-registration: declared ObsAR member, not yet attested.
        var receipt = await _driver.PreRegisterAsync(Form(cohortId, siren, memberships: ["ObsAR"]));
        var enrolmentId = receipt.EnrolmentId;
        receipt.Status.ShouldBe("PreRegistered");
        receipt.Eligibility.ShouldBe("AwaitingAttestation");
        receipt.EligibilityReasons[0].ShouldContain("en attente de l'attestation de l'ObsAR");

        // Staff cannot validate before the partner attests.
        var early = await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/validation", new { version = await _driver.VersionAsync(staff, enrolmentId) }, Cancellation);
        (await early.ReadAsync<Problem>(HttpStatusCode.UnprocessableEntity)).Type.ShouldBe("urn:achats:problem:not-eligible");

        // ObsAR attests the membership: the enrolment is re-assessed through the bus.
        var (attested, attestation) = await app.PostTrackedAsync(obsar, Memberships, new { siren, since = "2024-01-01" });
        attested.StatusCode.ShouldBe(HttpStatusCode.OK);
        attestation.Executed.SingleMessage<Achats.Enrolment.Memberships.ReassessEligibility>().Siren.ShouldBe(siren);
        var eligible = await _driver.EnrolmentAsync(staff, enrolmentId);
        eligible.EffectiveEligibility.ShouldBe("Free");
        eligible.Eligibility!.Grounds[0].ShouldBe("ObsAR");

        // Validation asks Charter for the signature.
        var (validated, validation) = await app.PostTrackedAsync(staff, $"{Enrolments}/{enrolmentId}/validation",
            new { version = eligible.Version, note = "Dossier complet." });
        (await validated.ReadAsync<EnrolmentChangeAnswer>(HttpStatusCode.OK)).Version.ShouldBe(eligible.Version + 1);
        var signatureRequest = Published<PreRegistrationValidated>(validation).ShouldHaveSingleItem();
        signatureRequest.EnrolmentId.ShouldBe(enrolmentId);
        signatureRequest.CohortId.ShouldBe(cohortId);
        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Validated");
        var beforeSignature = app.Clock.GetUtcNow();

        // Charter is not built yet: the test publishes its contract, as Charter will.
        var signed = new CharterSigned(enrolmentId, Guid.CreateVersion7(), new string('a', 64), app.Clock.GetUtcNow());
        var admission = await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(signed).AsTask()));

        var admitted = Published<EnrolmentAdmitted>(admission).ShouldHaveSingleItem();
        admitted.EnrolmentId.ShouldBe(enrolmentId);
        admitted.Profile.ShouldBe("PrivateBuyer");
        admitted.Siren.ShouldBe(siren);
        (await _driver.EnrolmentAsync(staff, enrolmentId)).Status.ShouldBe("Admitted");

        // A redelivered signature changes nothing.
        var again = await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(signed).AsTask()));
        Published<EnrolmentAdmitted>(again).ShouldBeEmpty();

        // The timeline says who did what and why; an auditor can see the state at a past moment.
        using var auditor = await app.SignedInAsync(StaffRole.Auditor);
        var timeline = await (await auditor.GetAsync($"{Enrolments}/{enrolmentId}/timeline", Cancellation)).ReadAsync<List<TimelineEntryAnswer>>(HttpStatusCode.OK);
        timeline.Select(entry => entry.Event).ShouldBe(
        [
            "enrolment.pre_registration_submitted", "enrolment.eligibility_assessed", "enrolment.eligibility_assessed",
            "enrolment.pre_registration_validated", "enrolment.admitted",
        ]);
        timeline[2].Actor!.ShouldStartWith("partner:");
        timeline[2].Why!.ShouldContain("ObsAR");
        timeline[3].Actor!.ShouldStartWith("staff:");
        timeline[3].Why.ShouldBe("Dossier complet.");
        var past = await _driver.EnrolmentAsync(auditor, enrolmentId, $"?asOf={Uri.EscapeDataString(timeline[3].At)}");
        past.Status.ShouldBe("Validated");
        beforeSignature.ShouldBeLessThanOrEqualTo(app.Clock.GetUtcNow());
    }

    [Fact]
    public async Task Two_staff_deciding_on_the_same_version_at_once_one_wins_and_the_other_gets_409()
    {
        using var alice = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        using var bob = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(alice);
        var form = Form(cohortId, NewSiren());
        ((Dictionary<string, object?>)form["organisation"]!)["kind"] = "CommuneEptOrMetropole";
        ((Dictionary<string, object?>)form["organisation"]!)["communeInseeCode"] = "93048"; // Montreuil: free under (a)
        var enrolmentId = (await _driver.PreRegisterAsync(form)).EnrolmentId;
        var version = await _driver.VersionAsync(alice, enrolmentId);

        using var start = new ManualResetEventSlim();
        var validate = Task.Run(async () => { start.Wait(Cancellation); return await alice.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/validation", new { version }, Cancellation); }, Cancellation);
        var reject = Task.Run(async () => { start.Wait(Cancellation); return await bob.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/rejection", new { version, reason = "Hors périmètre." }, Cancellation); }, Cancellation);
        start.Set();
        var answers = await Task.WhenAll(validate, reject);

        answers.Select(answer => answer.StatusCode).Order().ShouldBe([HttpStatusCode.OK, HttpStatusCode.Conflict]);
        var loser = answers.Single(answer => answer.StatusCode == HttpStatusCode.Conflict);
        (await loser.ReadAsync<Problem>(HttpStatusCode.Conflict)).Type.ShouldBe("urn:achats:problem:concurrent-change");
        var winner = answers[0].StatusCode == HttpStatusCode.OK ? "Validated" : "Rejected";
        var enrolment = await _driver.EnrolmentAsync(alice, enrolmentId);
        enrolment.Status.ShouldBe(winner);
        enrolment.Version.ShouldBe(version + 1);
    }

    [Fact]
    public async Task A_decision_taken_on_a_stale_version_gets_409_and_changes_nothing()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var cohortId = await _driver.OpenCohortAsync(staff);
        var enrolmentId = (await _driver.PreRegisterAsync(Form(cohortId, NewSiren()))).EnrolmentId;
        var version = await _driver.VersionAsync(staff, enrolmentId);
        (await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/information-requests", new { version, question = "Quel est votre projet ?" }, Cancellation))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        var stale = await staff.PostAsJsonAsync($"{Enrolments}/{enrolmentId}/rejection", new { version, reason = "Sans réponse." }, Cancellation);

        (await stale.ReadAsync<Problem>(HttpStatusCode.Conflict)).Type.ShouldBe("urn:achats:problem:concurrent-change");
        var enrolment = await _driver.EnrolmentAsync(staff, enrolmentId);
        enrolment.Status.ShouldBe("InformationRequested");
        enrolment.StatusReason.ShouldBe("Quel est votre projet ?");
    }
}
