using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using Achats.Host.Email;
using Achats.Shared.Email;
using Achats.Testing;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using Shouldly;
using Wolverine;
using Wolverine.Tracking;
using Xunit;

namespace Achats.Host.Tests.Email;

/// <summary>Emails leave through a durable queue: as .eml files by default, through SMTP when configured, retried when the server fails.</summary>
public sealed class FolderEmailTests(AchatsApp app) : IClassFixture<AchatsApp>
{
    [Fact]
    public async Task Without_SMTP_an_email_is_written_as_an_eml_file_in_French()
    {
        var email = new SendEmail("camille@ville.test", "Camille Durand", "Votre pré-inscription a été validée", "Bonjour Camille,\n\nSignez la charte d'engagement.");

        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(email).AsTask()));

        // The class's other test writes to the same folder: this one reads what was sent to Camille.
        var message = (await app.EmailsToAsync("camille@ville.test")).ShouldHaveSingleItem();
        message.Subject.ShouldBe("Votre pré-inscription a été validée");
        message.Text.ShouldContain("Signez la charte d'engagement.");
    }

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task The_email_folder_and_its_files_are_readable_by_the_service_account_only()
    {
        var email = new SendEmail("dominique@ville.test", "Dominique Petit", "Votre lien personnel", "Bonjour,\n\nhttps://achats.example/charte/secret",
            "<p>Bonjour,</p>", [new EmailAttachment("seance.ics", CalendarFile.MediaType, "BEGIN:VCALENDAR\r\nEND:VCALENDAR\r\n")]);

        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(30))
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(email).AsTask()));

        File.GetUnixFileMode(app.EmailFolder).ShouldBe(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var received = (await app.EmailsToAsync("dominique@ville.test")).ShouldHaveSingleItem();
        Directory.GetFiles(app.EmailFolder, "*.eml").ShouldAllBe(file => File.GetUnixFileMode(file) == (UnixFileMode.UserRead | UnixFileMode.UserWrite));
        received.Html.ShouldBe("<p>Bonjour,</p>");
        received.Attachments.ShouldHaveSingleItem().FileName.ShouldBe("seance.ics");
    }
}

public sealed class SmtpEmailTests(SmtpEmailTests.SmtpApp app) : IClassFixture<SmtpEmailTests.SmtpApp>
{
    [Fact]
    public async Task With_SMTP_an_email_refused_once_by_the_server_is_retried_and_delivered_once()
    {
        var email = new SendEmail("dominique@entreprise.test", "Dominique Martin", "Signature de la charte", "Bonjour Dominique,\n\nVotre lien de signature.");

        await app.Services.TrackActivity().Timeout(TimeSpan.FromSeconds(60)).DoNotAssertOnExceptionsDetected()
            .ExecuteAndWaitAsync((Func<IMessageContext, Task>)(context => context.PublishAsync(email).AsTask()));

        app.Smtp.Attempts.ShouldBe(2); // the first refused with 451, the retry accepted
        var delivered = app.Smtp.Delivered.ShouldHaveSingleItem();
        delivered.Subject.ShouldBe("Signature de la charte");
        delivered.To.Mailboxes.ShouldHaveSingleItem().Address.ShouldBe("dominique@entreprise.test");
        delivered.TextBody.ShouldNotBeNull().ShouldContain("Votre lien de signature.");
        Directory.Exists(app.EmailFolder).ShouldBeFalse(); // SMTP configured: no file written
    }

    [Fact]
    public void The_SMTP_sender_is_the_one_configured() =>
        app.Services.GetRequiredService<IEmailSender>().ShouldBeOfType<SmtpEmailSender>();

    /// <summary>The Host pointed at a small SMTP server on loopback that refuses the first message it receives.</summary>
    public sealed class SmtpApp(PostgresServer postgres) : AchatsApp(postgres)
    {
        public CapturingSmtpServer Smtp { get; } = new();

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Email:Smtp:Host", "127.0.0.1");
            builder.UseSetting("Email:Smtp:Port", Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            builder.UseSetting("Email:Smtp:Security", "None");
        }

        public override async ValueTask DisposeAsync()
        {
            await base.DisposeAsync();
            Smtp.Dispose();
        }
    }

    /// <summary>
    /// Just enough SMTP (RFC 5321) to receive what MailKit sends, on a loopback port: the first message is
    /// refused with 451 (try again later), every later one is kept.
    /// </summary>
    public sealed class CapturingSmtpServer : IDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private int _attempts;

        public CapturingSmtpServer()
        {
            _listener.Start();
            Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
            _ = AcceptAsync();
        }

        public int Port { get; }

        public int Attempts => _attempts;

        public ConcurrentQueue<MimeMessage> Delivered { get; } = new();

        public void Dispose()
        {
            _stop.Cancel();
            _listener.Stop();
            _stop.Dispose();
        }

        private async Task AcceptAsync()
        {
            while (!_stop.IsCancellationRequested)
            {
                TcpClient client;
                try
                {
                    client = await _listener.AcceptTcpClientAsync(_stop.Token);
                }
                catch (Exception) when (_stop.IsCancellationRequested)
                {
                    return;
                }

                _ = ConverseAsync(client);
            }
        }

        private async Task ConverseAsync(TcpClient client)
        {
            using var _ = client;
            await using var stream = client.GetStream();
            // Latin-1 maps every byte to one char and back: the message bytes come through unchanged.
            using var reader = new StreamReader(stream, System.Text.Encoding.Latin1);
            await using var writer = new StreamWriter(stream, System.Text.Encoding.Latin1) { NewLine = "\r\n", AutoFlush = true };
            await writer.WriteLineAsync("220 localhost ESMTP");
            while (await reader.ReadLineAsync() is { } line)
            {
                var verb = line.Split(' ', 2)[0].ToUpperInvariant();
                switch (verb)
                {
                    case "EHLO" or "HELO":
                        await writer.WriteLineAsync("250 localhost");
                        break;
                    case "DATA":
                        await writer.WriteLineAsync("354 End data with <CR><LF>.<CR><LF>");
                        var data = new System.Text.StringBuilder();
                        while (await reader.ReadLineAsync() is { } dataLine && dataLine != ".")
                        {
                            data.Append(dataLine.StartsWith("..", StringComparison.Ordinal) ? dataLine[1..] : dataLine).Append("\r\n");
                        }

                        if (Interlocked.Increment(ref _attempts) == 1)
                        {
                            await writer.WriteLineAsync("451 Try again later");
                            break;
                        }

                        using (var message = new MemoryStream(System.Text.Encoding.Latin1.GetBytes(data.ToString())))
                        {
                            Delivered.Enqueue(await MimeMessage.LoadAsync(message));
                        }

                        await writer.WriteLineAsync("250 OK");
                        break;
                    case "QUIT":
                        await writer.WriteLineAsync("221 Bye");
                        return;
                    default: // MAIL, RCPT, RSET, NOOP
                        await writer.WriteLineAsync("250 OK");
                        break;
                }
            }
        }
    }
}
