using Achats.Charter.Charters;
using Achats.Charter.Signatures;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Shouldly;
using Xunit;

namespace Achats.Charter.Tests;

/// <summary>The charter's rules, without a database: versions and their fingerprints, signing links, signatures.</summary>
public sealed class CharterDecisionTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 28, 10, 0, 0, TimeSpan.Zero);
    private static readonly CharterText Text = new("Charte d'engagement", "Les participants s'engagent…", ["Participer aux séances plénières."]);

    [Fact]
    public void The_fingerprint_is_the_SHA256_of_the_words_and_changes_with_any_of_them()
    {
        var fingerprint = Text.Fingerprint();

        fingerprint.Length.ShouldBe(64);
        Text.Fingerprint().ShouldBe(fingerprint);
        (Text with { Body = "Les participants s'engagent… " }).Fingerprint().ShouldNotBe(fingerprint);
        (Text with { Commitments = ["Participer aux séances plénières", "."] }).Fingerprint().ShouldNotBe(fingerprint);
        (Text with { Body = "Ligne 1\r\nLigne 2" }).Fingerprint().ShouldBe((Text with { Body = "Ligne 1\nLigne 2" }).Fingerprint());
    }

    [Fact]
    public void A_published_draft_becomes_version_1_frozen_with_its_fingerprint_and_the_draft_is_gone()
    {
        var charter = Charter.Charters.CohortCharter.Create(new CharterDraftSaved(Guid.CreateVersion7(), Guid.CreateVersion7(), Text));

        var published = PublishCharterVersionHandler.Publish(charter, Guid.CreateVersion7(), Now);

        published.Version.Number.ShouldBe(1);
        published.Version.Text.ShouldBe(Text);
        published.Version.Fingerprint.ShouldBe(Text.Fingerprint());
        var after = charter.Apply(published);
        after.Draft.ShouldBeNull();
        after.Current.ShouldBe(published.Version);
    }

    [Fact]
    public void A_new_draft_published_supersedes_the_published_version_which_stays_as_it_was()
    {
        var charter = Charter.Charters.CohortCharter.Create(new CharterDraftSaved(Guid.CreateVersion7(), Guid.CreateVersion7(), Text));
        charter = charter.Apply(PublishCharterVersionHandler.Publish(charter, Guid.CreateVersion7(), Now));
        var amended = Text with { Commitments = [.. Text.Commitments, "Viser au moins une procédure d'achat."] };
        charter = charter.Apply(new CharterDraftSaved(charter.Id, charter.CohortId, amended));

        var second = PublishCharterVersionHandler.Publish(charter, Guid.CreateVersion7(), Now.AddDays(30));
        charter = charter.Apply(second);

        charter.Versions.Select(version => version.Number).ShouldBe([1, 2]);
        charter.Versions[0].Text.ShouldBe(Text);
        charter.Current!.Text.ShouldBe(amended);
        Should.Throw<ConflictException>(() => PublishCharterVersionHandler.Publish(charter, Guid.CreateVersion7(), Now)); // no draft left
    }

    [Fact]
    public void A_link_is_usable_until_it_expires_is_used_or_is_replaced()
    {
        var file = File();
        var (_, issued) = SigningLinks.Issue(Now, days: 14);
        file = file.Apply(issued);

        SignCharterHandler.StateOf(file, Now.AddDays(13)).ShouldBe(SigningLinkState.Usable);
        SignCharterHandler.StateOf(file, Now.AddDays(14)).ShouldBe(SigningLinkState.Expired);
        SignCharterHandler.StateOf(null, Now).ShouldBe(SigningLinkState.Invalid);
        var (_, again) = SigningLinks.Issue(Now, days: 14);
        var replaced = SigningLinks.Replace(file, again);
        replaced[0].ShouldBeOfType<SigningLinkVoided>().LinkId.ShouldBe(issued.LinkId);
        replaced[1].ShouldBe(again);
    }

    [Fact]
    public void A_signature_through_a_usable_link_has_evidence_naming_the_version_its_fingerprint_and_the_signer()
    {
        var (file, version) = Ready();

        var signed = SignCharterHandler.Decide(file, version, Signing(version.Id), Now);

        signed.VersionId.ShouldBe(version.Id);
        signed.VersionNumber.ShouldBe(1);
        signed.Fingerprint.ShouldBe(version.Fingerprint);
        signed.SignedAt.ShouldBe(Now);
        signed.TypedName.ShouldBe("Camille Durand");
        signed.IpAddress.ShouldBe("203.0.113.7");
        var used = file.Apply(signed);
        SignCharterHandler.StateOf(used, Now).ShouldBe(SigningLinkState.Used);
        Should.Throw<RuleViolationException>(() => SignCharterHandler.Decide(used, version, Signing(version.Id), Now)).Rule.ShouldBe("signing-link-used");
    }

    [Fact]
    public void Signing_is_refused_on_an_expired_or_unknown_link_an_unpublished_charter_or_a_superseded_version()
    {
        var (file, version) = Ready();

        Should.Throw<RuleViolationException>(() => SignCharterHandler.Decide(file, version, Signing(version.Id), Now.AddDays(15))).Rule.ShouldBe("signing-link-expired");
        Should.Throw<RuleViolationException>(() => SignCharterHandler.Decide(null, version, Signing(version.Id), Now)).Rule.ShouldBe("signing-link-invalid");
        Should.Throw<RuleViolationException>(() => SignCharterHandler.Decide(file, null, Signing(version.Id), Now)).Rule.ShouldBe("charter-not-published");
        Should.Throw<ConflictException>(() => SignCharterHandler.Decide(file, version, Signing(Guid.CreateVersion7()), Now));
    }

    [Fact]
    public void A_version_whose_words_no_longer_match_its_fingerprint_is_never_signed()
    {
        var (file, version) = Ready();
        var altered = version with { Text = version.Text with { Body = "Un autre texte." } };

        Should.Throw<InvalidOperationException>(() => SignCharterHandler.Decide(file, altered, Signing(version.Id), Now));
    }

    [Fact]
    public void A_paper_signature_is_its_own_event_on_the_current_version_and_voids_the_unused_link()
    {
        var (file, version) = Ready();
        var paper = new RecordPaperSignature(file.EnrolmentId, new DateOnly(2026, 11, 27), "Camille Durand", "Acheteuse", "Original classé.");

        var events = RecordPaperSignatureHandler.Decide(file, version, paper, Now);

        events[0].ShouldBeOfType<SigningLinkVoided>().LinkId.ShouldBe(file.ActiveLink!.LinkId);
        var signed = events[1].ShouldBeOfType<CharterSignedOnPaper>();
        signed.VersionId.ShouldBe(version.Id);
        signed.Fingerprint.ShouldBe(version.Fingerprint);
        signed.Note.ShouldBe("Original classé.");
        Should.Throw<RuleViolationException>(() => RecordPaperSignatureHandler.Decide(file, null, paper, Now));
    }

    [Fact]
    public void Only_a_signature_can_be_revoked_and_only_once()
    {
        var (file, version) = Ready();
        var revoke = new RevokeSignature(file.EnrolmentId, "Départ.");

        Should.Throw<ConflictException>(() => RevokeSignatureHandler.Decide(file, revoke, Now));
        var signed = file.Apply(SignCharterHandler.Decide(file, version, Signing(version.Id), Now));
        var revoked = RevokeSignatureHandler.Decide(signed, revoke, Now);
        revoked.Reason.ShouldBe("Départ.");
        Should.Throw<ConflictException>(() => RevokeSignatureHandler.Decide(signed.Apply(revoked), revoke, Now));
    }

    [Fact]
    public void A_participant_who_left_or_revoked_signs_no_more()
    {
        var (file, version) = Ready();

        Should.Throw<RuleViolationException>(() => SignCharterHandler.Decide(file.Apply(new ParticipantLeft("Départ.")), version, Signing(version.Id), Now));
        Should.Throw<RuleViolationException>(() => SignCharterHandler.Decide(file with { Revocation = new SignatureRevoked("Non.", Now) }, version, Signing(version.Id), Now));
        var signed = file.Apply(SignCharterHandler.Decide(file, version, Signing(version.Id), Now));
        var paper = new RecordPaperSignature(file.EnrolmentId, new DateOnly(2026, 11, 27), "Camille Durand", "Acheteuse", "Double.");
        Should.Throw<ConflictException>(() => RecordPaperSignatureHandler.Decide(signed, version, paper, Now)); // already signed
    }

    [Fact]
    public void Whoever_signed_an_earlier_version_and_is_still_committed_must_sign_the_new_one()
    {
        var (file, version) = Ready();
        var signed = file.Apply(SignCharterHandler.Decide(file, version, Signing(version.Id), Now));

        AskToSignAgainHandler.MustSignAgain(signed, 2).ShouldBeTrue(); // admission not yet heard of: asked all the same
        AskToSignAgainHandler.MustSignAgain(signed, 1).ShouldBeFalse();
        AskToSignAgainHandler.MustSignAgain(file, 2).ShouldBeFalse(); // never signed: sent a fresh first link instead
        AskToSignAgainHandler.MustSignAgain(signed.Apply(new ParticipantLeft("Départ.")), 2).ShouldBeFalse();
    }

    [Fact]
    public void Signing_tokens_are_random_and_only_their_hash_is_kept()
    {
        var (token, hash) = SigningToken.New();
        var (other, _) = SigningToken.New();

        token.ShouldNotBe(other);
        token.Length.ShouldBeGreaterThanOrEqualTo(43);
        hash.ShouldBe(SigningToken.HashOf(token));
        hash.ShouldNotContain(token);
    }

    private static SignatureFile File() => SignatureFile.Create(new SignatureRequested(Guid.CreateVersion7(), Guid.CreateVersion7(), Guid.CreateVersion7(),
        new Signer("Camille", "Durand", "camille@ville.test", "Acheteuse", "Ville de Montreuil")));

    private static (SignatureFile File, CharterVersion Version) Ready()
    {
        var (_, issued) = SigningLinks.Issue(Now, days: 14);
        return (File().Apply(issued), new CharterVersion(Guid.CreateVersion7(), 1, Text, Text.Fingerprint(), Now.AddDays(-1)));
    }

    private static SignCharter Signing(Guid versionId) =>
        new("jeton", versionId, " Camille Durand ", "Acheteuse", AuthorisedToCommit: true) { IpAddress = "203.0.113.7", UserAgent = "Firefox" };
}
