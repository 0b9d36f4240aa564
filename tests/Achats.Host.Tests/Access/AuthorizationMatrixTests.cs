using System.Net;
using System.Text;
using System.Text.RegularExpressions;
using Achats.Shared.Access;
using Achats.Host.Tests.Charter;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Access;

/// <summary>
/// Every endpoint the Host maps, found in its endpoint data source, called as every kind of caller and
/// checked against this table. A new endpoint fails this test until it is given a line here.
/// </summary>
public sealed partial class AuthorizationMatrixTests(ParticipantApp app) : IClassFixture<ParticipantApp>
{
    private const string Anonymous = "anonymous";

    /// <summary>A participant signed in through their emailed link (their own enrolment; the rows' ids are anyone's).</summary>
    private const string Participant = "participant";
    private static readonly string[] AnyStaff = [StaffRole.Administrator, StaffRole.ProgrammeStaff, StaffRole.Auditor];

    /// <summary>A partner key of each scope, one scope per key, named by it.</summary>
    private static readonly string[] AnyPartner = [.. PartnerScope.All];

    private static readonly string[] Callers = [Anonymous, Participant, .. AnyStaff, .. AnyPartner];
    private static readonly string[] Everyone = Callers;
    private static readonly string[] SpaceVisitors = [Participant, StaffRole.ProgrammeStaff, StaffRole.Auditor];

    /// <summary>Who may call each endpoint ("METHOD pattern"); everyone else is refused.</summary>
    private static readonly Dictionary<string, string[]> Allowed = new()
    {
        ["GET /"] = AnyStaff,
        ["POST /"] = AnyStaff,
        ["GET /tableau-de-bord"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /tableau-de-bord"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /inscriptions/{EnrolmentId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /inscriptions/{EnrolmentId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /editions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /editions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /assiduite"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /assiduite"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /projets"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /projets"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /projets/bilan"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /projets/bilan"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /editions/{CohortId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /editions/{CohortId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /groupes"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /groupes"] = [StaffRole.ProgrammeStaff],
        ["GET /presence/{SessionId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /presence/{SessionId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /programme"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /programme"] = [StaffRole.ProgrammeStaff],
        ["GET /programme/seances/{SessionId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /programme/seances/{SessionId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /programme/seances/nouvelle"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /programme/seances/nouvelle"] = [StaffRole.ProgrammeStaff],
        ["GET /projets/{ProjectId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /projets/{ProjectId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /projets/nouveau"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /projets/nouveau"] = [StaffRole.ProgrammeStaff],
        ["GET /editions/nouvelle"] = [StaffRole.ProgrammeStaff],
        ["POST /editions/nouvelle"] = [StaffRole.ProgrammeStaff],
        ["GET /programme.ics"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /programme/seances/{sessionId:guid}.ics"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/projects/{projectId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/sequences/{sequenceId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /charte"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /charte"] = [StaffRole.ProgrammeStaff],
        ["GET /charte/versions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /charte/versions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /charte/signatures"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /charte/signatures"] = [StaffRole.ProgrammeStaff],
        ["POST /edition"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /connexion"] = Everyone,
        ["POST /connexion"] = Everyone,
        ["GET /connexion/oidc"] = Everyone,
        ["POST /deconnexion"] = AnyStaff,
        ["GET /health/live"] = Everyone,
        ["GET /health/ready"] = Everyone,
        ["GET /openapi/{documentName}.json"] = Everyone,
        ["GET /scalar/{documentName?}"] = Everyone,
        ["GET /scalar/scalar.js"] = Everyone,
        ["GET /scalar/scalar.aspnetcore.js"] = Everyone,
        ["GET /scalar/favicon.svg"] = Everyone,
        ["POST /api/cohorts/v1/cohorts"] = [StaffRole.ProgrammeStaff],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/cohorts/v1/cohorts"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/dates"] = [StaffRole.ProgrammeStaff],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/linkedin-group"] = [StaffRole.ProgrammeStaff],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/launch"] = [StaffRole.ProgrammeStaff],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/closure"] = [StaffRole.ProgrammeStaff],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/roster"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/roster.{format:regex(^(csv|xlsx)$)}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/sequences"] = [StaffRole.ProgrammeStaff],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/sequences/order"] = [StaffRole.ProgrammeStaff],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/sessions"] = [StaffRole.ProgrammeStaff],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/sessions/{sessionId:guid}"] = [StaffRole.ProgrammeStaff],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/sessions/{sessionId:guid}/cancellation"] = [StaffRole.ProgrammeStaff],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/sessions/{sessionId:guid}/attendance"] = [StaffRole.ProgrammeStaff],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/sessions/{sessionId:guid}/attendance/{enrolmentId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/attendance"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/attendance.{format:regex(^(csv|xlsx)$)}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/projects"] = [StaffRole.ProgrammeStaff],
        ["PUT /api/cohorts/v1/cohorts/{cohortId:guid}/projects/{projectId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/projects"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/projects.{format:regex(^(csv|xlsx)$)}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/working-groups/proposal"] = [StaffRole.ProgrammeStaff],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/working-groups/moves"] = [StaffRole.ProgrammeStaff],
        ["POST /api/cohorts/v1/cohorts/{cohortId:guid}/working-groups/publication"] = [StaffRole.ProgrammeStaff],
        ["GET /api/cohorts/v1/cohorts/{cohortId:guid}/working-groups"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/enrolment/v1/open-cohorts"] = Everyone,
        ["POST /api/access/v1/staff-accounts"] = [StaffRole.Administrator],
        ["GET /api/access/v1/staff-accounts"] = [StaffRole.Administrator],
        ["POST /api/access/v1/partner-keys"] = [StaffRole.Administrator],
        ["GET /api/access/v1/partner-keys"] = [StaffRole.Administrator],
        ["DELETE /api/access/v1/partner-keys/{keyId:guid}"] = [StaffRole.Administrator],
        ["GET /api/access/v1/staff-accounts/{accountId:guid}"] = [StaffRole.Administrator],
        ["PUT /api/access/v1/staff-accounts/{accountId:guid}/role"] = [StaffRole.Administrator],
        ["POST /api/access/v1/staff-accounts/{accountId:guid}/deactivation"] = [StaffRole.Administrator],
        ["POST /api/access/v1/staff-accounts/{accountId:guid}/reactivation"] = [StaffRole.Administrator],
        ["POST /api/access/v1/staff-accounts/{accountId:guid}/password-reset"] = [StaffRole.Administrator],
        ["POST /api/access/v1/password-links"] = Everyone,
        ["PUT /api/access/v1/me/password"] = AnyStaff,
        ["GET /acces"] = [StaffRole.Administrator],
        ["POST /acces"] = [StaffRole.Administrator],
        // Audit, the auditor's pages and export: staff and auditors read a cohort's history and export it; only
        // administrators read the log of reads of personal data.
        ["GET /audit"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /audit"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/audit/v1/cohorts/{cohortId:guid}/export"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /journal-des-acces"] = [StaffRole.Administrator],
        ["POST /journal-des-acces"] = [StaffRole.Administrator],
        ["GET /acces/comptes"] = [StaffRole.Administrator],
        ["POST /acces/comptes"] = [StaffRole.Administrator],
        ["GET /acces/comptes/{AccountId:guid}"] = [StaffRole.Administrator],
        ["POST /acces/comptes/{AccountId:guid}"] = [StaffRole.Administrator],
        ["GET /acces/cles"] = [StaffRole.Administrator],
        ["POST /acces/cles"] = [StaffRole.Administrator],
        ["GET /mon-compte"] = AnyStaff,
        ["POST /mon-compte"] = AnyStaff,
        ["GET /connexion/nouveau-mot-de-passe/{Token}"] = Everyone,
        ["POST /connexion/nouveau-mot-de-passe/{Token}"] = Everyone,
        ["GET /api/partners/v1/me"] = AnyPartner,
        ["POST /api/enrolment/v1/pre-registrations"] = Everyone,
        ["GET /mon-inscription"] = Everyone,
        ["POST /mon-inscription"] = Everyone,
        ["GET /mon-inscription/connexion/{Token}"] = Everyone,
        ["POST /mon-inscription/connexion/{Token}"] = Everyone,
        ["GET /mon-inscription/{EnrolmentId:guid}/reponse"] = [Participant],
        ["POST /mon-inscription/{EnrolmentId:guid}/reponse"] = [Participant],
        ["GET /mon-inscription/{EnrolmentId:guid}/projet"] = [Participant],
        ["POST /mon-inscription/{EnrolmentId:guid}/projet"] = [Participant],
        ["GET /mon-inscription/{EnrolmentId:guid}/binome"] = [Participant],
        ["POST /mon-inscription/{EnrolmentId:guid}/binome"] = [Participant],
        ["GET /mon-inscription/{EnrolmentId:guid}/retrait"] = [Participant],
        ["POST /mon-inscription/{EnrolmentId:guid}/retrait"] = [Participant],
        ["GET /inscription"] = Everyone,
        ["GET /confidentialite"] = Everyone,
        ["POST /confidentialite"] = Everyone,
        ["POST /inscription"] = Everyone,
        ["GET /charte/{Token}"] = Everyone,
        ["POST /charte/{Token}"] = Everyone,
        ["GET /mon-inscription/charte/{EnrolmentId:guid}"] = [Participant],
        ["POST /mon-inscription/charte/{EnrolmentId:guid}"] = [Participant],
        ["GET /_framework/opaque-redirect"] = AnyStaff,
        ["PUT /api/charter/v1/cohorts/{cohortId:guid}/draft"] = [StaffRole.ProgrammeStaff],
        ["POST /api/charter/v1/cohorts/{cohortId:guid}/versions"] = [StaffRole.ProgrammeStaff],
        ["GET /api/charter/v1/cohorts/{cohortId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/charter/v1/cohorts/{cohortId:guid}/signatures"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/charter/v1/signatures/{enrolmentId:guid}/links"] = [StaffRole.ProgrammeStaff],
        ["POST /api/charter/v1/signatures/{enrolmentId:guid}/paper"] = [StaffRole.ProgrammeStaff],
        ["POST /api/charter/v1/signatures/{enrolmentId:guid}/revocation"] = [StaffRole.ProgrammeStaff],
        ["GET /api/enrolment/v1/organisations/{siren}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/enrolment/v1/enrolments"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/enrolment/v1/enrolments.{format:regex(^(csv|xlsx)$)}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /inscriptions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /inscriptions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /structures/{Siren}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /structures/{Siren}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /partenaires"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /partenaires"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/enrolment/v1/enrolments/{enrolmentId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/enrolment/v1/enrolments/{enrolmentId:guid}/timeline"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/validation"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/rejection"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/information-requests"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/eligibility-override"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/withdrawal"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/replacement"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/pair"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/pair/dissolution"] = [StaffRole.ProgrammeStaff],
        ["POST /api/enrolment/v1/enrolments/{enrolmentId:guid}/project"] = [StaffRole.ProgrammeStaff],
        ["POST /api/partners/v1/memberships"] = [PartnerScope.AttestMemberships],
        ["DELETE /api/partners/v1/memberships/{siren}"] = [PartnerScope.AttestMemberships],
        ["GET /api/partners/v1/memberships"] = [PartnerScope.ReadAttestations],

        // Catalogue, submission (the supplier's side): the public form, its confirmation link and the supplier's edit link.
        ["POST /api/catalogue/v1/submissions"] = Everyone,
        ["GET /catalogue/proposer"] = Everyone,
        ["POST /catalogue/proposer"] = Everyone,
        ["GET /catalogue/confirmer/{Token}"] = Everyone,
        ["POST /catalogue/confirmer/{Token}"] = Everyone,
        ["GET /catalogue/modifier/{Token}"] = Everyone,
        ["POST /catalogue/modifier/{Token}"] = Everyone,
        // Catalogue, review slice: staff and auditors read the queue, programme staff decide.
        ["GET /catalogue/relecture"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /catalogue/relecture"] = [StaffRole.ProgrammeStaff],
        ["GET /catalogue/relecture/{SolutionId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /catalogue/relecture/{SolutionId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /api/catalogue/v1/review/solutions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/catalogue/v1/review/solutions/{solutionId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/catalogue/v1/review/solutions/{solutionId:guid}/publication"] = [StaffRole.ProgrammeStaff],
        ["POST /api/catalogue/v1/review/solutions/{solutionId:guid}/changes-request"] = [StaffRole.ProgrammeStaff],
        ["POST /api/catalogue/v1/review/solutions/{solutionId:guid}/refusal"] = [StaffRole.ProgrammeStaff],
        ["POST /api/catalogue/v1/review/solutions/{solutionId:guid}/unpublication"] = [StaffRole.ProgrammeStaff],
        // Catalogue, search slice: the public catalogue, its pages and its reading API.
        ["GET /catalogue"] = Everyone,
        ["POST /catalogue"] = Everyone,
        ["GET /catalogue/{Id:guid}"] = Everyone,
        ["POST /catalogue/{Id:guid}"] = Everyone,
        ["GET /api/catalogue/v1/solutions"] = Everyone,
        ["GET /api/catalogue/v1/solutions/{solutionId:guid}"] = Everyone,
        // Catalogue, matchmaking: programme staff read and invite; an invited supplier answers through their link.
        ["GET /api/catalogue/v1/matchmaking/sessions"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["GET /api/catalogue/v1/matchmaking/sessions/{sessionId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /api/catalogue/v1/matchmaking/sessions/{sessionId:guid}/invitations"] = [StaffRole.ProgrammeStaff],
        ["GET /catalogue/mise-en-relation"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /catalogue/mise-en-relation"] = [StaffRole.ProgrammeStaff],
        ["GET /catalogue/mise-en-relation/{SessionId:guid}"] = [StaffRole.ProgrammeStaff, StaffRole.Auditor],
        ["POST /catalogue/mise-en-relation/{SessionId:guid}"] = [StaffRole.ProgrammeStaff],
        ["GET /catalogue/invitation/{Token}"] = Everyone,
        ["POST /catalogue/invitation/{Token}"] = Everyone,
        // The participants' spaces: participants, programme staff and auditors pass the door; the rows' cohorts have no
        // space, so they find nothing (404). Who enters which space (a member of another cohort and a former member
        // included) is CommunityAccessMatrixTests'.
        ["GET /espace"] = SpaceVisitors,
        ["POST /espace"] = SpaceVisitors,
        ["GET /espace/{CohortId:guid}"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}"] = SpaceVisitors,
        // Notifications: the member's digest choice (staff and auditors pass the door, then the handler refuses them:
        // DailyDigestTests); the opt-out link's page is anyone's who holds the link.
        ["GET /espace/{CohortId:guid}/notifications"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/notifications"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/notifications"] = SpaceVisitors,
        ["PUT /api/community/v1/spaces/{cohortId:guid}/notifications"] = SpaceVisitors,
        ["GET /espace/desabonnement/{Token}"] = Everyone,
        ["POST /espace/desabonnement/{Token}"] = Everyone,
        // Community, discussions: the same door; who writes, edits, reports and hides is decided in the handlers
        // (CommunityDiscussionTests).
        ["GET /espace/{CohortId:guid}/discussions"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/discussions"] = SpaceVisitors,
        ["GET /espace/{CohortId:guid}/discussions/{ThreadId:guid}"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/discussions/{ThreadId:guid}"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/discussions"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/discussions"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/discussions/{threadId:guid}"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/discussions/{threadId:guid}/replies"] = SpaceVisitors,
        ["PUT /api/community/v1/spaces/{cohortId:guid}/discussions/{threadId:guid}/posts/{postId:guid}"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/discussions/{threadId:guid}/posts/{postId:guid}/reports"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/discussions/{threadId:guid}/posts/{postId:guid}/hiding"] = SpaceVisitors,
        // Community, Ressources and announcements: the space's door lets visitors in; staff-only writes are refused by their handlers.
        ["GET /espace/{CohortId:guid}/ressources"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/ressources"] = SpaceVisitors,
        ["GET /espace/{cohortId:guid}/ressources/{resourceId:guid}"] = SpaceVisitors,
        ["GET /espace/{CohortId:guid}/annonces/{AnnouncementId:guid}"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/annonces/{AnnouncementId:guid}"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/resources"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/resources/links"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/resources/documents"] = SpaceVisitors,
        ["DELETE /api/community/v1/spaces/{cohortId:guid}/resources/{resourceId:guid}"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/resources/{resourceId:guid}"] = SpaceVisitors,
        ["PUT /api/community/v1/spaces/{cohortId:guid}/resources/sessions/{sessionId:guid}/preparation"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/announcements"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/announcements"] = SpaceVisitors,
        ["PUT /api/community/v1/spaces/{cohortId:guid}/announcements/{announcementId:guid}"] = SpaceVisitors,
        ["DELETE /api/community/v1/spaces/{cohortId:guid}/announcements/{announcementId:guid}"] = SpaceVisitors,
        // Community, directory and my project: the space's visitors pass the door; a staff write is refused by the handler (403).
        ["GET /espace/{CohortId:guid}/annuaire"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/annuaire"] = SpaceVisitors,
        ["GET /espace/{CohortId:guid}/mon-projet"] = SpaceVisitors,
        ["POST /espace/{CohortId:guid}/mon-projet"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/directory"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/directory/me"] = SpaceVisitors,
        ["PUT /api/community/v1/spaces/{cohortId:guid}/directory/me"] = SpaceVisitors,
        ["GET /api/community/v1/spaces/{cohortId:guid}/my-projects"] = SpaceVisitors,
        ["POST /api/community/v1/spaces/{cohortId:guid}/my-projects"] = SpaceVisitors,
        ["PUT /api/community/v1/spaces/{cohortId:guid}/my-projects/{projectId:guid}"] = SpaceVisitors,

        // Audit, erasure and retention: programme staff and administrators erase a person; auditors and partners may not.
        ["POST /api/audit/v1/erasures"] = [StaffRole.ProgrammeStaff, StaffRole.Administrator],
        ["GET /inscriptions/{EnrolmentId:guid}/effacement"] = [StaffRole.ProgrammeStaff],
        ["POST /inscriptions/{EnrolmentId:guid}/effacement"] = [StaffRole.ProgrammeStaff],
    };

    [Fact]
    public void Every_endpoint_states_its_policy_and_has_a_line_in_the_table()
    {
        var endpoints = Endpoints();

        endpoints.Select(endpoint => endpoint.Key).Order().ShouldBe(Allowed.Keys.Order(), "endpoints found vs. the table");
        foreach (var (key, endpoint) in endpoints)
        {
            var stated = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null || endpoint.Metadata.GetMetadata<IAuthorizeData>() is not null;
            stated.ShouldBeTrue($"{key} must say who may call it: RequireAuthorization(...) or AllowAnonymous()");
        }
    }

    [Fact]
    public async Task Each_caller_gets_exactly_what_the_table_allows()
    {
        var clients = new Dictionary<string, HttpClient> { [Anonymous] = app.CreateBrowserClient(), [Participant] = await ParticipantAsync() };
        foreach (var role in AnyStaff)
        {
            clients[role] = await app.SignedInAsync(role);
        }

        foreach (var scope in AnyPartner)
        {
            clients[scope] = await app.PartnerAsync(OrganisingStructure.Inec, scope);
        }

        List<string> mismatches = [];
        foreach (var (key, endpoint) in Endpoints())
        {
            // A form endpoint is matched on its content type before authorization: it is sent an (empty) form.
            var takesForm = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("application/x-www-form-urlencoded") == true;
            var takesFiles = endpoint.Metadata.GetMetadata<IAcceptsMetadata>()?.ContentTypes.Contains("multipart/form-data") == true;
            foreach (var caller in Callers)
            {
                var (method, path) = Request(key);
                using var request = new HttpRequestMessage(new HttpMethod(method), path);
                if (method is "POST")
                {
                    request.Content = takesFiles ? new MultipartFormDataContent()
                        : takesForm ? new FormUrlEncodedContent([]) : new StringContent("{}", Encoding.UTF8, "application/json");
                }

                using var response = await clients[caller].SendAsync(request, TestContext.Current.CancellationToken);
                var refused = response.StatusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden
                    || (response.StatusCode == HttpStatusCode.Redirect && SignInPage(response.Headers.Location!));
                // The sign-in form refuses a bad password with 401 too: it is open to all, so it is never "refused" here.
                if (key == "POST /connexion")
                {
                    refused = false;
                }

                var allowed = Allowed[key].Contains(caller);
                if (allowed == refused)
                {
                    mismatches.Add($"{key} as {caller}: {(int)response.StatusCode}, expected {(allowed ? "allowed" : "refused")}");
                }
            }
        }

        mismatches.ShouldBeEmpty();
    }

    /// <summary>The staff sign-in page, or the participant's page, where a participant asks for a sign-in link.</summary>
    private static bool SignInPage(Uri location) =>
        (location.IsAbsoluteUri ? location.PathAndQuery : location.OriginalString) is var path
        && (path.StartsWith("/connexion?", StringComparison.Ordinal) || path.StartsWith("/mon-inscription?", StringComparison.Ordinal));

    private async Task<HttpClient> ParticipantAsync()
    {
        using var staff = await app.SignedInAsync(StaffRole.ProgrammeStaff);
        var enrolments = new Enrolment.EnrolmentDriver(app);
        var email = $"matrice.{Guid.CreateVersion7():N}@entreprise.test";
        await enrolments.PreRegisterAsync(Enrolment.EnrolmentDriver.Form(await enrolments.OpenCohortAsync(staff), Enrolment.EnrolmentDriver.NewSiren(), email));
        return await new Enrolment.ParticipantDriver(app).SignedInAsync(email);
    }

    private Dictionary<string, RouteEndpoint> Endpoints() =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"])
                .Select(method => (Key: $"{method} {endpoint.RoutePattern.RawText}", Endpoint: endpoint)))
            .ToDictionary(entry => entry.Key, entry => entry.Endpoint);

    /// <summary>A concrete request for a route pattern: route values filled with plausible ones.</summary>
    private static (string Method, string Path) Request(string key)
    {
        var (method, pattern) = (key[..key.IndexOf(' ', StringComparison.Ordinal)], key[(key.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
        var path = RouteParameter().Replace(pattern, match => match.Groups["name"].Value switch
        {
            "documentName" => "v1",
            "format" => "xlsx",
            _ => Guid.CreateVersion7().ToString(),
        });
        return (method, path);
    }

    [GeneratedRegex(@"\{\**(?<name>\w+)[^}]*\}")]
    private static partial Regex RouteParameter();
}
