using Achats.Host.Health;
using Achats.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using Shouldly;
using Xunit;

namespace Achats.Host.Tests.Hosting;

/// <summary>Readiness follows the database: a schema that no longer matches this build is not ready.</summary>
public sealed class ReadinessTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task A_database_missing_part_of_the_schema_is_not_ready()
    {
        (await CheckAsync()).Status.ShouldBe(HealthStatus.Healthy);

        await using (var connection = new NpgsqlConnection(app.ConnectionString))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var drop = new NpgsqlCommand("drop table enrolment.mt_doc_opencohort", connection);
            await drop.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var result = await CheckAsync();

        result.Status.ShouldBe(HealthStatus.Unhealthy);
        result.Description.ShouldBe("PostgreSQL ne répond pas ou son schéma n'est pas à jour.");
    }

    private Task<HealthCheckResult> CheckAsync() =>
        ActivatorUtilities.CreateInstance<DatabaseReadiness>(app.Services)
            .CheckHealthAsync(new HealthCheckContext(), TestContext.Current.CancellationToken);
}
