using System.Reflection;
using Wolverine.Util;

namespace Achats.Shared.Messaging;

/// <summary>
/// Gives each integration event its stable name on the bus from a <c>public const string MessageName</c>
/// it declares, such as <c>"cohorts.cohort-planned.v1"</c>. Wolverine's own <c>[MessageIdentity]</c>
/// attribute would tie the Contracts projects to Wolverine; they may reference the BCL only (ADR 0005).
/// </summary>
public sealed class ContractMessageNaming : IMessageTypeNaming
{
    public const string FieldName = "MessageName";

    private static int registered;

    /// <summary>Puts this naming first in Wolverine's process-wide naming; safe to call once per host.</summary>
    public static void Register()
    {
        if (Interlocked.Exchange(ref registered, 1) == 0)
        {
            WolverineMessageNaming.InsertFirst<ContractMessageNaming>();
        }
    }

    /// <summary>The name <paramref name="messageType"/> declares for itself, if it declares one.</summary>
    public static string? DeclaredName(Type messageType) =>
        messageType.GetField(FieldName, BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } field
        && field.FieldType == typeof(string)
            ? (string?)field.GetRawConstantValue()
            : null;

    public bool TryDetermineName(Type messageType, out string messageTypeName)
    {
        messageTypeName = DeclaredName(messageType)!;
        return messageTypeName is not null;
    }
}
