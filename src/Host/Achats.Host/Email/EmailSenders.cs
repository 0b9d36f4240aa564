using System.Security.Cryptography;
using System.Text;
using Achats.Shared.Email;
using MailKit.Net.Smtp;
using MailKit.Security;
using MimeKit;

namespace Achats.Host.Email;

/// <summary>How the Host sends email: <c>Email:Smtp:Host</c> set → SMTP; otherwise .eml files in <c>Email:Folder</c>.</summary>
public static class EmailSenders
{
    public static IServiceCollection AddAchatsEmail(this IServiceCollection services, IConfiguration configuration)
    {
        var email = configuration.GetSection("Email");
        var from = new MailboxAddress(email["FromName"] ?? "Programme Achats circulaires et solidaires", email["From"] ?? "ne-pas-repondre@achats.localhost");
        if (email.GetSection("Smtp")["Host"] is { Length: > 0 } host)
        {
            var smtp = email.GetSection("Smtp");
            // Auto: TLS from the first byte on 465, STARTTLS when the server offers it; None only for a test server.
            services.AddSingleton<IEmailSender>(new SmtpEmailSender(from, host, smtp.GetValue("Port", 587),
                smtp["UserName"], smtp["Password"], smtp.GetValue("Security", SecureSocketOptions.Auto)));
        }
        else
        {
            var folder = new FolderEmailSender(from, email["Folder"] is { Length: > 0 } path ? path : DefaultFolder());
            services.AddSingleton<IEmailSender>(folder);
            services.AddSingleton<ISentEmails>(folder);
        }

        return services;
    }

    /// <summary>The plain text, its HTML alternative when there is one, and the attached files.</summary>
    internal static MimeMessage Mime(MailboxAddress from, SendEmail email)
    {
        var body = new BodyBuilder { TextBody = email.Text, HtmlBody = email.Html };
        foreach (var attachment in email.Attachments ?? [])
        {
            body.Attachments.Add(attachment.FileName, Encoding.UTF8.GetBytes(attachment.Content), ContentType.Parse(attachment.MediaType));
        }

        return new MimeMessage([from], [new MailboxAddress(email.ToName, email.To)], email.Subject, body.ToMessageBody());
    }

    private static string DefaultFolder() => Environment.IsPrivilegedProcess
        ? "/var/lib/achats/emails"
        : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.Create), "achats", "emails");
}

/// <summary>
/// The embedded default: every message written as an .eml file any mail reader opens. Written whole or not at all
/// (a temporary file renamed), and once: a message handled again after a crash finds its file already there, named
/// by the time it was written (so they sort in order) and a fingerprint of its content (ADR 0040). The messages hold
/// personal links: the folder is the service account's alone (0700) and so is each file (0600).
/// </summary>
public sealed class FolderEmailSender(MailboxAddress from, string folder) : IEmailSender, ISentEmails
{
    public string Folder { get; } = folder;

    /// <summary>Each message read as a mail reader would (headers decoded, bodies and attachments as text), removed when it is about the person.</summary>
    public async Task<int> ForgetAsync(Func<string, bool> isAbout, CancellationToken cancellationToken)
    {
        if (!Directory.Exists(Folder))
        {
            return 0;
        }

        var forgotten = 0;
        foreach (var path in Directory.EnumerateFiles(Folder, "*.eml"))
        {
            using var message = await MimeMessage.LoadAsync(path, cancellationToken);
            var text = string.Join('\n', message.To.Mailboxes.SelectMany(mailbox => new[] { mailbox.Address, mailbox.Name })
                .Append(message.Subject).Append(message.TextBody).Append(message.HtmlBody)
                .Concat(message.Attachments.OfType<MimePart>().Select(Text)));
            if (isAbout(text))
            {
                File.Delete(path);
                forgotten++;
            }
        }

        return forgotten;
    }

    private static string Text(MimePart attachment)
    {
        using var content = new MemoryStream();
        attachment.Content?.DecodeTo(content);
        return Encoding.UTF8.GetString(content.ToArray());
    }

    public async Task SendAsync(SendEmail email, CancellationToken cancellationToken)
    {
        CreateOwnFolder();
        var fingerprint = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{email.To}\n{email.Subject}\n{email.Text}")))[..32];
        if (Directory.EnumerateFiles(Folder, $"*-{fingerprint}.eml").Any())
        {
            return;
        }

        var message = EmailSenders.Mime(from, email);
        var path = Path.Combine(Folder, $"{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.CreateVersion7():N}-{fingerprint}.eml");
        var written = $"{path}.{Guid.CreateVersion7():N}.tmp";
        await using (var file = new FileStream(written, NewOwnFile()))
        {
            await message.WriteToAsync(file, cancellationToken);
        }

        File.Move(written, path, overwrite: true);
    }

    private const UnixFileMode OwnerOnly = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private static FileStreamOptions NewOwnFile()
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = OwnerOnly;
        }

        return options;
    }

    private void CreateOwnFolder()
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(Folder);
            return;
        }

        Directory.CreateDirectory(Folder, OwnerOnly | UnixFileMode.UserExecute);
        // A folder made before (by an earlier version, or by hand) is closed too.
        File.SetUnixFileMode(Folder, OwnerOnly | UnixFileMode.UserExecute);
    }
}

public sealed class SmtpEmailSender(MailboxAddress from, string host, int port, string? userName, string? password, SecureSocketOptions security) : IEmailSender
{
    public async Task SendAsync(SendEmail email, CancellationToken cancellationToken)
    {
        using var client = new SmtpClient();
        await client.ConnectAsync(host, port, security, cancellationToken);
        if (userName is { Length: > 0 })
        {
            await client.AuthenticateAsync(userName, password ?? "", cancellationToken);
        }

        await client.SendAsync(EmailSenders.Mime(from, email), cancellationToken);
        await client.DisconnectAsync(quit: true, cancellationToken);
    }
}
