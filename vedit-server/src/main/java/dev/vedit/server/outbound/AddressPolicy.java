package dev.vedit.server.outbound;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which addresses outbound requests (media fetches, webhooks) may connect to: public addresses only, so a
 * submitted URL cannot reach this server's own network (cloud metadata, databases, admin ports), except
 * where the operator's allowlist says so.
 */
public final class AddressPolicy {
    private static final List<Cidr> BLOCKED = List.of(
            "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
            "192.0.0.0/24", "192.0.2.0/24", "192.168.0.0/16", "198.18.0.0/15", "198.51.100.0/24",
            "203.0.113.0/24", "224.0.0.0/4", "240.0.0.0/4",
            "::/96", "fe80::/10", "fec0::/10", "fc00::/7", "ff00::/8", "2001:db8::/32",
            "100::/64",
            // Blocked whole, whatever they embed: local-use NAT64 (RFC 8215) may translate to any IPv4 network
            // the operator routes, and Teredo (RFC 4380) carries an obfuscated client address and a relay that
            // may sit inside the network; neither has a legitimate use for a media or webhook URL.
            "64:ff9b:1::/48", "2001::/32").stream().map(Cidr::parse).toList();

    private final Set<String> allowedHosts = new TreeSet<>();
    private final List<Cidr> allowedBlocks = new ArrayList<>();

    /**
     * @param allowlist host names, IP addresses or CIDR blocks that may be reached although private
     * @throws IllegalArgumentException when an entry is a malformed CIDR block
     */
    public AddressPolicy(List<String> allowlist) {
        for (String entry : allowlist) {
            String e = entry.trim().toLowerCase(Locale.ROOT);
            if (e.isEmpty()) {
                continue;
            }
            if (Cidr.isIpLiteral(e.contains("/") ? e.substring(0, e.indexOf('/')) : e)) {
                allowedBlocks.add(Cidr.parse(e));
            } else {
                allowedHosts.add(e);
            }
        }
    }

    /**
     * Resolves {@code host} once and returns its addresses, all of them permitted; the caller connects to
     * exactly these, so a second DNS answer (rebinding) never comes into play.
     *
     * @throws UnknownHostException the host does not resolve
     * @throws BlockedAddressException one of its addresses is not public and not allowlisted
     */
    public List<InetAddress> resolve(String host) throws UnknownHostException {
        String name = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        InetAddress[] addresses = InetAddress.getAllByName(name);
        if (allowedHosts.contains(name.toLowerCase(Locale.ROOT))) {
            return List.of(addresses);
        }
        for (InetAddress address : addresses) {
            if (!permitted(address.getAddress())) {
                // The resolved address is named only when the caller wrote it: telling a stranger what one of our
                // host names resolves to would make this check an oracle for the internal DNS.
                throw new BlockedAddressException(name, Cidr.isIpLiteral(name));
            }
        }
        return List.of(addresses);
    }

    boolean permitted(byte[] address) {
        for (Cidr block : allowedBlocks) {
            if (block.contains(address)) {
                return true;
            }
        }
        byte[] ipv4 = embeddedIpv4(address);
        if (ipv4 != null) {
            return permitted(ipv4);
        }
        return BLOCKED.stream().noneMatch(block -> block.contains(address));
    }

    /**
     * The IPv4 address inside an IPv4-mapped ({@code ::ffff:0:0/96}), IPv4-translated ({@code ::ffff:0:0:0/96}),
     * IPv4-compatible, well-known NAT64 ({@code 64:ff9b::/96}) or 6to4 ({@code 2002::/16}) IPv6 address, if any:
     * such an address reaches whatever IPv4 address it carries, so it is judged as that address.
     */
    private static byte[] embeddedIpv4(byte[] a) {
        if (a.length != 16) {
            return null;
        }
        boolean firstTenZero = Arrays.equals(a, 0, 10, new byte[10], 0, 10);
        if (firstTenZero && (a[10] & 0xFF) == 0xFF && (a[11] & 0xFF) == 0xFF) {
            return Arrays.copyOfRange(a, 12, 16); // ::ffff:a.b.c.d
        }
        if (firstTenZero && a[10] == 0 && a[11] == 0 && !(a[12] == 0 && a[13] == 0 && a[14] == 0)) {
            return Arrays.copyOfRange(a, 12, 16); // ::a.b.c.d (deprecated compatible form)
        }
        boolean firstEightZero = Arrays.equals(a, 0, 8, new byte[8], 0, 8);
        if (firstEightZero && (a[8] & 0xFF) == 0xFF && (a[9] & 0xFF) == 0xFF && a[10] == 0 && a[11] == 0) {
            return Arrays.copyOfRange(a, 12, 16); // ::ffff:0:a.b.c.d, SIIT (RFC 2765)
        }
        byte[] nat64 = {0, 0x64, (byte) 0xff, (byte) 0x9b, 0, 0, 0, 0, 0, 0, 0, 0};
        if (Arrays.equals(a, 0, 12, nat64, 0, 12)) {
            return Arrays.copyOfRange(a, 12, 16); // 64:ff9b::a.b.c.d
        }
        if (a[0] == 0x20 && a[1] == 0x02) {
            return Arrays.copyOfRange(a, 2, 6); // 2002:aabb:ccdd::/48, 6to4
        }
        return null;
    }
}
