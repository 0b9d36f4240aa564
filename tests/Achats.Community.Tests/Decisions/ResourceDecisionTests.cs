using System.IO.Compression;
using Achats.Catalogue.Contracts;
using Achats.Community.Resources;
using Achats.Community.Spaces;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Shouldly;
using Xunit;

namespace Achats.Community.Tests.Decisions;

/// <summary>What a session's material takes: files by their bytes, the solutions Catalogue tells, staff's writes only.</summary>
public sealed class ResourceDecisionTests
{
    private static readonly Guid Cohort = Guid.CreateVersion7();
    private static readonly Guid Session = Guid.CreateVersion7();

    [Fact]
    public void A_file_s_type_is_read_from_its_bytes_not_its_name()
    {
        ResourceFiles.Detect("%PDF-1.7\n"u8).ShouldBe(ResourceFiles.Pdf);
        ResourceFiles.Detect([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0x00]).ShouldBe(ResourceFiles.Png);
        ResourceFiles.Detect([0xFF, 0xD8, 0xFF, 0xE1]).ShouldBe(ResourceFiles.Jpeg);
        ResourceFiles.Detect("MZ\x90\0"u8).ShouldBeNull();
        ResourceFiles.Detect("Bonjour, ceci est un texte."u8).ShouldBeNull();
        ResourceFiles.NameFits("photo.JPEG", ResourceFiles.Jpeg).ShouldBeTrue();
        ResourceFiles.NameFits("photo.pdf", ResourceFiles.Jpeg).ShouldBeFalse();
    }

    [Fact]
    public void A_zip_is_an_Office_document_only_when_its_parts_say_which()
    {
        ResourceFiles.Detect(Zip("[Content_Types].xml", "word/document.xml")).ShouldBe(ResourceFiles.Docx);
        ResourceFiles.Detect(Zip("[Content_Types].xml", "xl/workbook.xml")).ShouldBe(ResourceFiles.Xlsx);
        ResourceFiles.Detect(Zip("[Content_Types].xml", "ppt/presentation.xml")).ShouldBe(ResourceFiles.Pptx);
        ResourceFiles.Detect(Zip("lisez-moi.txt")).ShouldBeNull();
        ResourceFiles.Detect([0x50, 0x4B, 0x03, 0x04, 0x00, 0x01]).ShouldBeNull("a broken zip");
    }

    [Fact]
    public void The_presented_solutions_are_kept_whole_once_and_an_empty_list_removes_them()
    {
        var solution = new PresentedSolution(Guid.CreateVersion7(), "Vaisselle consignée", "Réemploi Solidaire", "/catalogue/vaisselle");
        var confirmed = new MatchmakingConfirmed(Cohort, Session, [solution]);

        var kept = KeepPresentedSolutionsHandler.Decide(null, confirmed).ShouldHaveSingleItem().ShouldBeOfType<PresentedSolutionsKept>();
        var material = new SessionResources().Apply(kept);
        KeepPresentedSolutionsHandler.Decide(material, confirmed with { Solutions = [solution] }).ShouldBeEmpty();
        var emptied = KeepPresentedSolutionsHandler.Decide(material, confirmed with { Solutions = [] }).ShouldHaveSingleItem().ShouldBeOfType<PresentedSolutionsKept>();
        material.Apply(emptied).Solutions.ShouldBeEmpty();
    }

    [Fact]
    public void Only_programme_staff_change_a_session_s_material_and_never_in_an_archive()
    {
        var space = new CohortSpace { CohortId = Cohort, OpenedAt = DateTimeOffset.UnixEpoch };
        var staff = new Visitor(null, StaffRole.ProgrammeStaff, "1", "Alice Martin");

        SessionMaterial.StaffVisit(space, staff).MayModerate.ShouldBeTrue();
        Should.Throw<ForbiddenException>(() => SessionMaterial.StaffVisit(space, new Visitor(null, StaffRole.Auditor, "2", "Audit")));
        Should.Throw<RuleViolationException>(() => SessionMaterial.StaffVisit(space with { ArchivedAt = DateTimeOffset.UnixEpoch }, staff));
    }

    [Fact]
    public void Writing_the_same_preparation_again_writes_nothing()
    {
        var command = new WritePreparation(Cohort, Session, "  Apportez un exemple d'achat.  ", new Visitor(null, StaffRole.ProgrammeStaff, "1", "Alice"));
        var written = WritePreparationHandler.Decide(null, command, "Alice", DateTimeOffset.UnixEpoch).ShouldHaveSingleItem().ShouldBeOfType<PreparationWritten>();

        written.Text.ShouldBe("Apportez un exemple d'achat.");
        WritePreparationHandler.Decide(new SessionResources().Apply(written), command, "Alice", DateTimeOffset.UnixEpoch).ShouldBeEmpty();
    }

    private static byte[] Zip(params string[] entries)
    {
        using var bytes = new MemoryStream();
        using (var zip = new ZipArchive(bytes, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var entry in entries)
            {
                using var writer = new StreamWriter(zip.CreateEntry(entry).Open());
                writer.Write("<x/>");
            }
        }

        return bytes.ToArray();
    }
}
