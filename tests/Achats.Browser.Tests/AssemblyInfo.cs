using Achats.Browser.Tests;
using Achats.Testing;
using Xunit;

// One PostgreSQL server and one Chromium for the whole test process; each app has its own database.
[assembly: AssemblyFixture(typeof(PostgresServer))]
[assembly: AssemblyFixture(typeof(Chromium))]
