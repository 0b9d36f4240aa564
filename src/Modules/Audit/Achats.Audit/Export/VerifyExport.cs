using System.IO.Compression;
using System.Text;
using System.Text.Json;
using Achats.Audit.Chain;

namespace Achats.Audit.Export;

/// <summary>What an export's offline check found: what holds, in French, and each problem with its file and line.</summary>
public sealed record ExportReport(IReadOnlyList<string> Holds, IReadOnlyList<string> Problems)
{
    public bool Intact => Problems.Count == 0;
}

/// <summary>The zip is not one: unreadable, or no zip at all (the command's exit code 2).</summary>
public sealed class UnreadableExportException(string message) : Exception(message);

/// <summary>
/// <c>audit verify-export</c>, without the database (ADR 0060): each file against the manifest's SHA-256, every
/// stream's chain recomputed from <c>events.jsonl</c> by the same <see cref="ChainVerification"/> as <c>audit verify</c>,
/// the seal's Merkle root recomputed from its heads, and each exported stream's head found in the seal or newer than it.
/// </summary>
public static class VerifyExport
{
    public static ExportReport Verify(Stream zipFile)
    {
        ZipArchive archive;
        try
        {
            archive = new ZipArchive(zipFile, ZipArchiveMode.Read);
        }
        catch (InvalidDataException)
        {
            throw new UnreadableExportException("Ce fichier n'est pas une archive zip lisible.");
        }

        using (archive)
        {
            var holds = new List<string>();
            var problems = new List<string>();
            var contents = new Dictionary<string, byte[]>(StringComparer.Ordinal);
            foreach (var entry in archive.Entries)
            {
                try
                {
                    using var stream = entry.Open();
                    using var copy = new MemoryStream();
                    stream.CopyTo(copy);
                    contents[entry.FullName] = copy.ToArray();
                }
                catch (InvalidDataException)
                {
                    problems.Add($"{entry.FullName} : illisible dans l'archive (données compressées altérées).");
                }
            }

            if (Manifest(contents, problems) is not { } manifest)
            {
                return new ExportReport(holds, problems);
            }

            CheckFiles(manifest, contents, holds, problems);
            if (contents.TryGetValue(ExportFormat.Events, out var events))
            {
                CheckChain(manifest, events, holds, problems);
            }

            return new ExportReport(holds, problems);
        }
    }

    private static ExportManifest? Manifest(Dictionary<string, byte[]> contents, List<string> problems)
    {
        if (!contents.TryGetValue(ExportFormat.Manifest, out var manifest))
        {
            problems.Add($"{ExportFormat.Manifest} : absent de l'archive ; rien ne peut être vérifié.");
            return null;
        }

        try
        {
            var read = JsonSerializer.Deserialize<ExportManifest>(manifest, ExportFormat.Json);
            if (read is { Format: ExportFormat.Version, Files: not null })
            {
                return read;
            }
        }
        catch (JsonException)
        {
        }

        problems.Add($"{ExportFormat.Manifest} : illisible, ou d'un autre format que {ExportFormat.Version}.");
        return null;
    }

    private static void CheckFiles(ExportManifest manifest, Dictionary<string, byte[]> contents, List<string> holds, List<string> problems)
    {
        foreach (var file in manifest.Files)
        {
            if (!contents.TryGetValue(file.Name, out var content))
            {
                problems.Add($"{file.Name} : annoncé par le manifeste, absent de l'archive.");
            }
            else if (ExportCohortHandler.Sha256(content) != file.Sha256)
            {
                problems.Add($"{file.Name} : son empreinte SHA-256 ne correspond pas au manifeste (fichier modifié).");
            }
            else
            {
                holds.Add($"{file.Name} : empreinte SHA-256 conforme au manifeste.");
            }
        }

        foreach (var extra in contents.Keys.Where(name => name != ExportFormat.Manifest && manifest.Files.All(file => file.Name != name)))
        {
            problems.Add($"{extra} : présent dans l'archive mais absent du manifeste.");
        }
    }

    private static void CheckChain(ExportManifest manifest, byte[] events, List<string> holds, List<string> problems)
    {
        var lines = new Dictionary<(Guid, long), int>();
        var recorded = new List<ChainedEvent>();
        var number = 0;
        foreach (var line in Encoding.UTF8.GetString(events).Split('\n'))
        {
            number++;
            if (line.Length == 0)
            {
                continue;
            }

            ExportedEvent? exported = null;
            try
            {
                exported = JsonSerializer.Deserialize<ExportedEvent>(line, ExportFormat.Json);
            }
            catch (JsonException)
            {
            }

            if (exported is null || exported.Stream == Guid.Empty)
            {
                problems.Add($"{ExportFormat.Events}, ligne {number} : ligne illisible.");
                continue;
            }

            lines.TryAdd((exported.Stream, exported.Version), number);
            recorded.Add(exported.ToChained());
        }

        var seal = manifest.Seal?.ToSeal();
        var streams = recorded.Select(chained => chained.StreamId).ToHashSet();
        var verification = new ChainVerification(seal, streams);
        foreach (var chained in recorded)
        {
            verification.Add(chained);
        }

        var report = verification.Complete();
        foreach (var chainBreak in report.Breaks)
        {
            problems.Add(lines.TryGetValue((chainBreak.StreamId, chainBreak.Version), out var line)
                ? $"{ExportFormat.Events}, ligne {line} : flux {chainBreak.StreamId}, version {chainBreak.Version} : {chainBreak.Reason}."
                : chainBreak.StreamId == Guid.Empty
                    ? $"{ExportFormat.Manifest} : {chainBreak.Reason}."
                    : $"{ExportFormat.Events} : flux {chainBreak.StreamId}, version {chainBreak.Version} : {chainBreak.Reason}.");
        }

        if (report.Events != manifest.Events)
        {
            problems.Add($"{ExportFormat.Events} : {report.Events} événements, le manifeste en annonce {manifest.Events}.");
        }

        if (report.Intact)
        {
            holds.Add($"{ExportFormat.Events} : la chaîne de chacun des {report.Streams} flux ({report.Events} événements) est recalculée sans écart.");
        }

        if (seal is not null)
        {
            Against(seal, recorded, holds);
        }
        else
        {
            holds.Add("Aucun sceau n'existait lors de l'export : seules les chaînes des flux sont vérifiées.");
        }
    }

    /// <summary>Says, stream by stream, whether its head is the sealed one or newer than the seal (a head older than the seal is a break already).</summary>
    private static void Against(Seal seal, List<ChainedEvent> recorded, List<string> holds)
    {
        var sealedHeads = seal.Heads.ToDictionary(head => head.StreamId);
        var heads = recorded.GroupBy(chained => chained.StreamId).Select(stream => (Stream: stream.Key, Version: stream.Max(chained => chained.Version))).ToList();
        var asSealed = heads.Count(head => sealedHeads.TryGetValue(head.Stream, out var sealedHead) && sealedHead.Version == head.Version);
        var newer = heads.Count(head => !sealedHeads.TryGetValue(head.Stream, out var sealedHead) || sealedHead.Version < head.Version);
        var at = Shared.Time.FrenchDates.At(seal.SealedAt);
        if (SealRoot.Of(seal.Heads).AsSpan().SequenceEqual(seal.Root))
        {
            holds.Add($"Sceau n° {seal.Id} du {at} : racine de Merkle recalculée sur ses {seal.Heads.Count} têtes de chaîne, conforme.");
        }

        holds.Add($"{asSealed} flux ont pour tête celle du sceau n° {seal.Id} ; {newer} flux ont des événements plus récents que ce sceau (couverts par leur chaîne seule).");
    }
}
