using Marten;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Achats.Host.Health;

/// <summary>
/// Ready when PostgreSQL answers and holds the schema this build expects (Marten's documents and events,
/// Wolverine's envelopes). The schema comparison is costly, so once it has matched, later probes only
/// ask PostgreSQL to answer (a singleton keeps that result between probes).
/// </summary>
internal sealed class DatabaseReadiness(IDocumentStore store) : IHealthCheck
{
    public const string Tag = "ready";

    private volatile bool _schemaMatched;

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        try
        {
            await using var session = store.QuerySession();
            await session.QueryAsync<int>("select 1", cancellationToken);
            if (!_schemaMatched)
            {
                await store.Storage.Database.AssertDatabaseMatchesConfigurationAsync(cancellationToken);
                _schemaMatched = true;
            }

            return HealthCheckResult.Healthy();
        }
        catch (Exception failure) when (failure is not OperationCanceledException)
        {
            return HealthCheckResult.Unhealthy("PostgreSQL ne répond pas ou son schéma n'est pas à jour.", failure);
        }
    }
}
