using System.Net;
using System.Net.Sockets;
using Achats.Shared.Access;
using Achats.Shared.Http;
using Achats.Testing;
using Npgsql;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Web;

/// <summary>A browser that meets a failure reads a French page with what to do; a program reads problem details.</summary>
public sealed class ErrorPagesTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task An_unknown_page_asked_by_a_browser_is_a_French_page_with_the_way_back()
    {
        using var staff = await app.SignedInAsync(StaffRole.Auditor);
        using var request = new HttpRequestMessage(HttpMethod.Get, "/nulle-part");
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await staff.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("text/html");
        var page = await response.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain("<html lang=\"fr\"");
        page.ShouldContain("Page introuvable");
        page.ShouldContain("Revenir à l&#x27;accueil");
    }

    [Fact]
    public async Task The_same_failure_asked_by_a_program_is_problem_details()
    {
        using var staff = await app.SignedInAsync(StaffRole.Auditor);

        using var response = await staff.GetAsync("/api/enrolment/v1/enrolments/not-a-guid/timeline", Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/problem+json");
    }

    [Fact]
    public async Task A_form_posted_by_a_browser_without_its_token_is_a_French_page_saying_it_expired()
    {
        using var browser = app.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/connexion")
        {
            Content = new FormUrlEncodedContent([new("_handler", "sign-in"), new("email", "a@b.test"), new("password", "x")]),
        };
        request.Headers.Accept.ParseAdd("text/html");

        using var response = await browser.SendAsync(request, Cancellation);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var page = await response.Content.ReadAsStringAsync(Cancellation);
        page.ShouldContain("Formulaire expiré");
        page.ShouldContain("rechargez-la");
    }

    [Fact]
    public void A_database_out_of_reach_is_a_503_to_try_again_later_not_an_internal_error()
    {
        var unreachable = new NpgsqlException("Failed to connect to 127.0.0.1:5432", new SocketException((int)SocketError.ConnectionRefused));

        var problem = ProblemDetailsMapping.ProblemFor(new InvalidOperationException("The store failed.", unreachable)).ShouldNotBeNull();

        problem.Status.ShouldBe(503);
        problem.Type.ShouldBe(ProblemDetailsMapping.DatabaseUnavailableType);
        problem.Detail.ShouldNotBeNull().ShouldContain("réessayez");
    }
}
