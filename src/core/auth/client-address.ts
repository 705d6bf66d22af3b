import ipaddr from 'ipaddr.js';

/**
 * Whom a throttle counts a request against: its client address, with every IPv6 address of one /64
 * network counted as one client (a single host is usually given a whole /64, so counting addresses
 * apart would let it try again from a fresh one each time). IPv4-mapped IPv6 addresses count as IPv4.
 */
export function clientKey(address: string): string {
  if (!ipaddr.isValid(address)) return address;
  let parsed = ipaddr.parse(address);
  if (parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress()) parsed = (parsed as ipaddr.IPv6).toIPv4Address();
  if (parsed.kind() === 'ipv4') return parsed.toString();
  const network = (parsed as ipaddr.IPv6).parts.slice(0, 4).map((part) => part.toString(16));
  return `${network.join(':')}::/64`;
}
