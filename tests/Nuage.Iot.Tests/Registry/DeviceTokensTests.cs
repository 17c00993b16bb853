using System.Text;
using Nuage.Iot.Registry;

namespace Nuage.Iot.Tests.Registry;

public sealed class DeviceTokensTests
{
    [Fact]
    public void Credential_ids_have_a_shape_no_access_key_id_can_have()
    {
        var id = DeviceTokens.NewCredentialId();
        Assert.True(DeviceTokens.IsCredentialId(id));
        Assert.Matches("^dev_[0-9a-f]{32}$", id);
        Assert.NotEqual(id, DeviceTokens.NewCredentialId());

        // Access key ids as Nuage and AWS issue them: AKIA/ASIA and upper-case letters and digits.
        Assert.False(DeviceTokens.IsCredentialId("AKIAIOSFODNN7EXAMPLE"));
        Assert.False(DeviceTokens.IsCredentialId("ASIAIOSFODNN7EXAMPLE"));
        Assert.False(DeviceTokens.IsCredentialId(id.ToUpperInvariant()));
        Assert.False(DeviceTokens.IsCredentialId(id + "0"));
        Assert.False(DeviceTokens.IsCredentialId(id[..^1] + "g"));
        Assert.False(DeviceTokens.IsCredentialId(null));
    }

    [Fact]
    public void A_token_matches_its_hash_only()
    {
        var token = DeviceTokens.NewToken();
        Assert.Equal(43, token.Length);
        var hash = DeviceTokens.Hash(token);
        Assert.DoesNotContain(token, Convert.ToBase64String(hash), StringComparison.Ordinal);
        Assert.True(DeviceTokens.Matches(Encoding.UTF8.GetBytes(token), hash));
        Assert.False(DeviceTokens.Matches(Encoding.UTF8.GetBytes(token + "x"), hash));
        Assert.False(DeviceTokens.Matches(Encoding.UTF8.GetBytes(DeviceTokens.NewToken()), hash));
    }
}
