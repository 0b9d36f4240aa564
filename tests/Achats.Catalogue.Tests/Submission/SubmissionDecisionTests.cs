using Achats.Catalogue.Solutions;
using Achats.Catalogue.Submission;
using Achats.Cohorts.Contracts;
using Achats.Shared.Http;
using Shouldly;
using Xunit;
using static Achats.Catalogue.Tests.Decisions.Given;

namespace Achats.Catalogue.Tests.Submission;

public sealed class SubmissionDecisionTests
{
    private static SubmitSolution Form(SolutionDetails? solution = null) => new(
        new SupplierDetails("  Ateliers du Réemploi ", " 732829320 ", " 93066", " SCOP SA ", EssStatus.Cooperative, "  "),
        new ContactDetails(" Claire Martin ", " Claire.Martin@ateliers.example.org ", ""),
        solution ?? new SolutionDetails(
            " Mobilier réemployé ",
            " Des bureaux remis en état. ",
            "  Nous **collectons**.  ",
            [PurchaseCategory.OfficeSupplies, PurchaseCategory.Furniture, PurchaseCategory.OfficeSupplies],
            [Theme.Solidarity, Theme.Circular, Theme.Solidarity],
            ["93", "2A", "75", " 93 ", "19"],
            [" Label Emmaüs ", "label emmaüs", "ESUS"],
            [new ReferenceDetails(" Ville de Montreuil ", 2023, " 40 bureaux "), new ReferenceDetails("Département de la Seine-Saint-Denis", 2025, "Sièges")]),
        ConsentToDataProcessing: true);

    [Fact]
    public void The_form_becomes_one_version_of_the_solution_trimmed_and_without_repeats()
    {
        var content = Form().ToContent();

        content.Supplier.ShouldBe(new Supplier("Ateliers du Réemploi", "732829320", "93066", "SCOP SA", EssStatus.Cooperative, null));
        content.Contact.ShouldBe(new SupplierContact("Claire Martin", "Claire.Martin@ateliers.example.org", null));
        content.Solution.Title.ShouldBe("Mobilier réemployé");
        content.Solution.Summary.ShouldBe("Des bureaux remis en état.");
        content.Solution.Description.ShouldBe("Nous **collectons**.");
        content.Solution.Categories.ShouldBe([PurchaseCategory.Furniture, PurchaseCategory.OfficeSupplies]);
        content.Solution.Themes.ShouldBe([Theme.Circular, Theme.Solidarity]);
        // In the usual order of the départements: Corsica after the Corrèze.
        content.Solution.Departements.ShouldBe(["19", "2A", "75", "93"]);
        content.Solution.Labels.ShouldBe(["Label Emmaüs", "ESUS"]);
        // The latest purchase first.
        content.Solution.References.ShouldBe([
            new PublicBuyerReference("Département de la Seine-Saint-Denis", 2025, "Sièges"),
            new PublicBuyerReference("Ville de Montreuil", 2023, "40 bureaux"),
        ]);
    }

    [Fact]
    public void The_page_form_leaves_out_empty_reference_rows_and_blank_labels_and_keeps_forged_values_for_the_validator_to_refuse()
    {
        var form = new SolutionForm
        {
            Supplier = new SolutionForm.SupplierFields { Name = "Ateliers", EssStatus = "Fournisseur" },
            Solution = new SolutionForm.DescriptionFields
            {
                Categories = ["Furniture", "Inconnue"],
                Labels = "Label Emmaüs\n\n  \r\nESUS\r\n",
                References = [new(), new() { Buyer = "Ville de Montreuil", Year = "deux mille" }, new()],
            },
        }.Complete();

        var command = form.ToSubmission();

        command.Supplier!.EssStatus.ShouldBe((EssStatus)(-1));
        command.Solution!.Categories.ShouldBe([PurchaseCategory.Furniture, (PurchaseCategory)(-1)]);
        command.Solution.Labels.ShouldBe(["Label Emmaüs", "ESUS"]);
        command.Solution.References.ShouldBe([new ReferenceDetails("Ville de Montreuil", -1, null)]);
        // Shown again, the filled row comes first, as it was sent, with room for more.
        form.Solution!.References![0].Buyer.ShouldBe("Ville de Montreuil");
        form.Solution.References.Count.ShouldBe(SolutionForm.ReferenceRows);
    }

    [Fact]
    public void The_edit_form_starts_from_the_latest_version()
    {
        var content = Content();

        var form = SolutionForm.From(content);

        System.Text.Json.JsonSerializer.Serialize(form.ToRevision("jeton").ToContent()).ShouldBe(System.Text.Json.JsonSerializer.Serialize(content));
    }

    [Fact]
    public void The_rules_accept_a_whole_form_and_bound_every_length_and_list_in_French()
    {
        var validator = new SubmitSolutionValidator();
        validator.Validate(Form()).Errors.ShouldBeEmpty();

        var tooMuch = Form(new SolutionDetails(
            new string('t', 151), new string('s', 301), new string('d', 10_001),
            [], [(Theme)7], ["75", "99"],
            [.. Enumerable.Range(1, 11).Select(i => $"Label {i}")],
            [.. Enumerable.Range(1, 6).Select(i => new ReferenceDetails("Ville", 1980, "Bureaux"))])) with
        {
            Supplier = new SupplierDetails("Ateliers", "123456789", "00000", "SAS", null, "ftp://ateliers.example.org"),
            ConsentToDataProcessing = false,
        };

        var errors = validator.Validate(tooMuch).Errors.Select(error => (error.PropertyName, error.ErrorMessage)).ToList();

        errors.ShouldContain(("Solution.Title", "Le titre de la solution ne doit pas dépasser 150 caractères."));
        errors.ShouldContain(("Solution.Summary", "Le résumé ne doit pas dépasser 300 caractères."));
        errors.ShouldContain(("Solution.Description", "La description ne doit pas dépasser 10 000 caractères."));
        errors.ShouldContain(("Solution.Categories", "Choisissez au moins une catégorie d'achat."));
        errors.ShouldContain(("Solution.Themes[0]", "Enjeu inconnu."));
        errors.ShouldContain(("Solution.Departements[1]", "Département inconnu."));
        errors.ShouldContain(("Solution.Labels", "Indiquez 10 labels ou certifications au plus."));
        errors.ShouldContain(("Solution.References", "Indiquez 5 références au plus."));
        errors.ShouldContain(("Solution.References[0].Year", "L'année de l'achat doit être comprise entre 1990 et 2099."));
        errors.ShouldContain(("Supplier.Siren", "Le SIREN doit compter 9 chiffres et être valide (clé de Luhn)."));
        errors.ShouldContain(("Supplier.CommuneInseeCode", "Ce code INSEE ne correspond à aucune commune."));
        errors.ShouldContain(("Supplier.EssStatus", "Le statut dans l'économie sociale et solidaire est obligatoire (« Aucun de ces statuts » s'il y a lieu)."));
        errors.ShouldContain(("Supplier.Website", "L'adresse du site doit commencer par https:// ou http://, par exemple https://www.exemple.fr."));
        errors.ShouldContain(error => error.PropertyName == "ConsentToDataProcessing");
    }

    [Fact]
    public void A_revision_waits_for_review_and_a_published_solution_stays_online_meanwhile()
    {
        var published = Published(Content("Mobilier réemployé"));

        var revised = ReviseSolutionHandler.Decide(published, Content("Mobilier reconditionné"), Monday.AddDays(5));
        var after = published.Apply(revised);

        revised.RevisedAt.ShouldBe(Monday.AddDays(5));
        after.AwaitsReview.ShouldBeTrue();
        after.Published!.Solution.Title.ShouldBe("Mobilier réemployé");
        after.Draft.Solution.Title.ShouldBe("Mobilier reconditionné");
    }

    [Fact]
    public void Changes_asked_by_staff_are_answered_by_a_revision_which_clears_the_message()
    {
        var submitted = Submitted();
        var asked = submitted.Apply(new ChangesRequested(submitted.Id, "Précisez les départements.", Monday.AddDays(1)));

        var after = asked.Apply(ReviseSolutionHandler.Decide(asked, Content("Mobilier précisé"), Monday.AddDays(2)));

        after.Status.ShouldBe(SolutionStatus.AwaitingReview);
        after.ChangesMessage.ShouldBeNull();
        after.LastSentAt.ShouldBe(Monday.AddDays(2));
    }

    [Fact]
    public void A_refused_solution_cannot_be_revised()
    {
        var submitted = Submitted();
        var refused = submitted.Apply(new SolutionRefused(submitted.Id, "Hors du champ du programme.", Monday.AddDays(1)));

        var refusal = Should.Throw<RuleViolationException>(() => ReviseSolutionHandler.Decide(refused, Content(), Monday.AddDays(2)));

        refusal.Rule.ShouldBe("solution-refused");
        refusal.Message.ShouldContain("refusée");
    }

    [Fact]
    public void An_unpublished_solution_may_be_sent_again_for_review()
    {
        var published = Published();
        var unpublished = published.Apply(new SolutionUnpublished(published.Id, "Informations à mettre à jour.", Monday.AddDays(3)));

        unpublished.Apply(ReviseSolutionHandler.Decide(unpublished, Content(), Monday.AddDays(4))).AwaitsReview.ShouldBeTrue();
    }
}
