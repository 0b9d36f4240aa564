using System.Security.Cryptography.X509Certificates;
using System.Xml.Linq;
using Marten;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Achats.Access.SigningIn;

/// <summary>One Data Protection key, as the framework writes it (XML, encrypted when a certificate is configured).</summary>
public sealed record DataProtectionKey(string Id, string Xml);

/// <summary>
/// The Data Protection key ring (what signs and encrypts session and antiforgery cookies) kept in PostgreSQL, in the
/// Access schema (ADR 0041): every node on the database reads the same keys, so a cookie issued by one is accepted by
/// the others. With <c>DataProtection:CertificatePath</c> (a PKCS#12 file, and <c>DataProtection:CertificatePassword</c>)
/// the keys are encrypted at rest with that certificate.
/// </summary>
internal static class SharedKeyRing
{
    public const string Section = "DataProtection";

    public static IServiceCollection AddSharedKeyRing(this IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("Achats");
        services.AddOptions<KeyManagementOptions>()
            .Configure<IServiceProvider>((options, provider) => options.XmlRepository = new Repository(provider));
        if (configuration[$"{Section}:CertificatePath"] is { Length: > 0 } path)
        {
            dataProtection.ProtectKeysWithCertificate(X509CertificateLoader.LoadPkcs12FromFile(path, configuration[$"{Section}:CertificatePassword"]));
        }

        return services;
    }

    /// <summary>
    /// The framework's repository contract is synchronous; it is called when the ring is first read, then about once a
    /// day and when a key is created, never per request.
    /// </summary>
    private sealed class Repository(IServiceProvider services) : IXmlRepository
    {
        public IReadOnlyCollection<XElement> GetAllElements()
        {
            using var session = services.GetRequiredService<IDocumentStore>().QuerySession();
            return session.Query<DataProtectionKey>().ToListAsync().GetAwaiter().GetResult()
                .Select(key => XElement.Parse(key.Xml)).ToList();
        }

        public void StoreElement(XElement element, string friendlyName)
        {
            using var session = services.GetRequiredService<IDocumentStore>().LightweightSession();
            session.Store(new DataProtectionKey(friendlyName, element.ToString(SaveOptions.DisableFormatting)));
            session.SaveChangesAsync().GetAwaiter().GetResult();
        }
    }
}
