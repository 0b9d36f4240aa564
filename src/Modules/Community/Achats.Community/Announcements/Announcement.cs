using Achats.Shared.Replay;

namespace Achats.Community.Announcements;

// An announcement of staff to a space: one stream per announcement (its own id), kept inline as a document that Accueil
// lists, newest first. Marten's metadata records who acted, as everywhere else.

/// <summary>Staff posted an announcement to the space of <paramref name="CohortId"/>.</summary>
public sealed record AnnouncementPosted(Guid AnnouncementId, Guid CohortId, string Title, string Text, string PostedBy, DateTimeOffset PostedAt);

/// <summary>Staff changed its title and text.</summary>
public sealed record AnnouncementEdited(string Title, string Text, string EditedBy, DateTimeOffset EditedAt);

/// <summary>Staff withdrew it: members no longer read it.</summary>
public sealed record AnnouncementWithdrawn(string WithdrawnBy, DateTimeOffset WithdrawnAt);

/// <summary>An announcement as it now reads; <see cref="Text"/> in Markdown.</summary>
[ReplayedAs("annonce", "annonces", "Title")]
public sealed record Announcement
{
    public Guid Id { get; set; }

    public int Version { get; set; }

    public Guid CohortId { get; init; }

    public string Title { get; init; } = "";

    public string Text { get; init; } = "";

    public DateTimeOffset PostedAt { get; init; }

    public DateTimeOffset? EditedAt { get; init; }

    public DateTimeOffset? WithdrawnAt { get; init; }

    public bool IsWithdrawn => WithdrawnAt is not null;

    public static Announcement Create(AnnouncementPosted posted) => new()
    {
        Id = posted.AnnouncementId, CohortId = posted.CohortId, Title = posted.Title, Text = posted.Text, PostedAt = posted.PostedAt,
    };

    public Announcement Apply(AnnouncementEdited edited) => this with { Title = edited.Title, Text = edited.Text, EditedAt = edited.EditedAt };

    public Announcement Apply(AnnouncementWithdrawn withdrawn) => this with { WithdrawnAt = withdrawn.WithdrawnAt };
}
