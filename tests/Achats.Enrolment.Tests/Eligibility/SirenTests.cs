using Achats.Shared.France;
using Shouldly;
using Xunit;

namespace Achats.Enrolment.Tests.Eligibility;

public sealed class SirenTests
{
    [Theory]
    [InlineData("732829320")] // a SIREN whose Luhn checksum is valid
    [InlineData("552100554")]
    [InlineData("200054781")] // Métropole du Grand Paris
    public void A_nine_digit_SIREN_with_a_valid_checksum_is_valid(string siren) => Siren.IsValid(siren).ShouldBeTrue();

    [Theory]
    [InlineData("732829321")] // one digit changed
    [InlineData("73282932")]
    [InlineData("7328293200")]
    [InlineData("73282932A")]
    [InlineData(" 732829320")]
    [InlineData("")]
    [InlineData(null)]
    public void Anything_else_is_not(string? siren) => Siren.IsValid(siren).ShouldBeFalse();
}
