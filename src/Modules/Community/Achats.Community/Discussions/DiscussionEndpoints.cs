using Microsoft.AspNetCore.Routing;

namespace Achats.Community.Discussions;

/// <summary>The discussions' API under <c>/api/community/v1/spaces/{cohortId}/discussions</c>, each endpoint beside its use case.</summary>
internal static class DiscussionEndpoints
{
    public static void Map(IEndpointRouteBuilder community)
    {
        community.MapListDiscussions();
        community.MapGetThread();
        community.MapStartThread();
        community.MapPostReply();
        community.MapEditPost();
        community.MapReportPost();
        community.MapHidePost();
    }
}
