package dev.vedit.server.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import org.junit.jupiter.api.Test;

class AddressPolicyTest {

    static byte[] ip(String literal) throws UnknownHostException {
        return InetAddress.getByName(literal).getAddress();
    }

    @Test
    void privateReservedAndLocalAddressesAreBlocked() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of());
        for (String address : List.of("127.0.0.1", "10.1.2.3", "172.16.0.1", "192.168.1.1", "169.254.169.254",
                "100.64.0.1", "0.0.0.0", "224.0.0.1", "255.255.255.255", "::", "::1", "fe80::1", "fc00::1",
                "fd12:3456::1", "ff02::1", "::ffff:10.0.0.1", "64:ff9b::a9fe:a9fe", "2002:7f00:1::1")) {
            assertThat(policy.permitted(ip(address))).as(address).isFalse();
        }
    }

    @Test
    void ipv6FormsThatEmbedOrTunnelToPrivateIpv4AreBlocked() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of());
        for (String address : List.of(
                "::ffff:0:7f00:1",              // IPv4-translated (SIIT) 127.0.0.1
                "::ffff:0:a9fe:a9fe",           // IPv4-translated 169.254.169.254
                "64:ff9b::7f00:1",              // NAT64 well-known prefix, 127.0.0.1
                "64:ff9b:1::a00:1",             // NAT64 local-use prefix: any IPv4 the operator routes
                "64:ff9b:1:ffff::808:808",
                "2001:0:4136:e378:8000:63bf:3fff:fdd2", // Teredo
                "2001::1",
                "2002:a00:1::1",                // 6to4 of 10.0.0.1
                "2002:c0a8:101::1")) {          // 6to4 of 192.168.1.1
            assertThat(policy.permitted(ip(address))).as(address).isFalse();
        }
        // Java turns "::ffff:a.b.c.d" text into an IPv4 address; the raw 16 bytes must be judged the same.
        byte[] mapped = new byte[16];
        mapped[10] = (byte) 0xff;
        mapped[11] = (byte) 0xff;
        mapped[12] = 127;
        mapped[15] = 1;
        assertThat(policy.permitted(mapped)).isFalse();
        assertThat(policy.permitted(ip("::ffff:0:808:808"))).as("translated public address").isTrue();
        assertThat(policy.permitted(ip("2002:808:808::1"))).as("6to4 of a public address").isTrue();
    }

    @Test
    void publicAddressesArePermitted() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of());
        for (String address : List.of("8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8")) {
            assertThat(policy.permitted(ip(address))).as(address).isTrue();
        }
    }

    @Test
    void allowlistedAddressesAndBlocksArePermitted() throws UnknownHostException {
        AddressPolicy policy = new AddressPolicy(List.of("127.0.0.1", "10.8.0.0/16", "fd00::/8"));

        assertThat(policy.permitted(ip("127.0.0.1"))).isTrue();
        assertThat(policy.permitted(ip("127.0.0.2"))).isFalse();
        assertThat(policy.permitted(ip("10.8.200.1"))).isTrue();
        assertThat(policy.permitted(ip("10.9.0.1"))).isFalse();
        assertThat(policy.permitted(ip("fd12::1"))).isTrue();
    }
}
