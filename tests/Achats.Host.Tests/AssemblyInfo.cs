using Achats.Testing;
using Xunit;

// One PostgreSQL server for the whole test process; each AchatsApp creates its own database on it.
[assembly: AssemblyFixture(typeof(PostgresServer))]
