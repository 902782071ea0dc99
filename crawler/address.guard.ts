/**
 * Refuses requests to private, loopback, link-local and other non-public
 * addresses (SSRF guard), unless the platform config allows them.
 */
import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';
import { AddressRefusedError, TransientError } from './errors.js';

const blocked = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16],
  ['172.16.0.0', 12], ['192.0.0.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['224.0.0.0', 4], ['240.0.0.0', 4],
] as const) blocked.addSubnet(net, prefix, 'ipv4');
// ::/96 (IPv4-compatible, deprecated; holds :: and ::1), ULA, link-local, multicast, NAT64 local use, documentation, discard-only.
for (const [net, prefix] of [['::', 96], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8], ['64:ff9b:1::', 48], ['2001:db8::', 32], ['100::', 64]] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** The eight 16-bit groups of an IPv6 literal (a trailing dotted IPv4 and `::` expanded, a zone id dropped). */
function ipv6Groups(ip: string): number[] {
  let s = ip.toLowerCase().replace(/%.*$/, '');
  const v4 = s.match(/(\d+)\.(\d+)\.(\d+)\.(\d+)$/);
  if (v4) {
    const [a, b, c, d] = v4.slice(1).map(Number);
    s = `${s.slice(0, v4.index)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, tail] = s.split('::');
  const part = (x: string | undefined) => (x ? x.split(':').map((g) => Number.parseInt(g, 16)) : []);
  const h = part(head);
  const t = part(tail);
  return tail === undefined ? h : [...h, ...new Array(8 - h.length - t.length).fill(0), ...t];
}

const dotted = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;

/**
 * The IPv4 address an IPv6 address carries and hands on to IPv4 routing:
 * IPv4-mapped `::ffff:0:0/96`, NAT64 `64:ff9b::/96` (the gateway connects to
 * it) and 6to4 `2002::/16` (the relay tunnels to it). The IPv4 rules apply to it.
 */
function embeddedIpv4(ip: string): string | undefined {
  const g = ipv6Groups(ip);
  if (g.length !== 8) return undefined;
  if (g.slice(0, 5).every((x) => x === 0) && g[5] === 0xffff) return dotted(g[6], g[7]);
  if (g[0] === 0x64 && g[1] === 0xff9b && g.slice(2, 6).every((x) => x === 0)) return dotted(g[6], g[7]);
  if (g[0] === 0x2002) return dotted(g[1], g[2]);
  return undefined;
}

/** True when the literal IP address is not publicly routable (or carries an IPv4 address that is not). */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const v4 = embeddedIpv4(ip);
    if (v4) return isIP(v4) !== 4 || blocked.check(v4, 'ipv4');
    return blocked.check(ip.replace(/%.*$/, ''), 'ipv6');
  }
  return true;
}

export type Resolver = (host: string) => Promise<string[]>;
const defaultResolver: Resolver = async (host) => (await lookup(host, { all: true })).map((a) => a.address);

/** The address a checked URL may be connected to (the one that was checked). */
export interface CheckedAddress { address: string; family: 4 | 6 }

/**
 * Checks `url` and returns the address that passed the check, so the caller
 * connects to exactly that address (no second DNS lookup, no rebinding window).
 * Throws {@link AddressRefusedError} for a non-http(s) URL or, unless
 * `allowPrivate`, a name that resolves to any non-public address.
 */
export async function resolveAllowedAddress(url: string, platform: string, allowPrivate: boolean, resolve: Resolver = defaultResolver): Promise<CheckedAddress> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AddressRefusedError(platform, url, u.protocol);
  const host = u.hostname.replace(/^\[|\]$/g, '');
  let addrs: string[];
  try {
    addrs = isIP(host) ? [host] : await resolve(host);
  } catch (err) {
    throw new TransientError(`DNS lookup of ${host} failed: ${(err as Error).message}`, platform, url, undefined, { cause: err });
  }
  if (addrs.length === 0) throw new AddressRefusedError(platform, url, host);
  const bad = addrs.find(isPrivateAddress);
  if (bad && !allowPrivate) throw new AddressRefusedError(platform, url, bad);
  const address = addrs[0];
  return { address, family: isIP(address) === 6 ? 6 : 4 };
}

/**
 * Throws {@link AddressRefusedError} when `url` is not http(s) or resolves to a
 * non-public address and `allowPrivate` is false.
 */
export async function assertAllowedUrl(url: string, platform: string, allowPrivate: boolean, resolve: Resolver = defaultResolver): Promise<void> {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AddressRefusedError(platform, url, u.protocol);
  if (allowPrivate) return;
  await resolveAllowedAddress(url, platform, allowPrivate, resolve);
}

/**
 * The check for a request sent through the platform's proxy: the proxy
 * resolves the target's name (a real platform's answer depends on where the
 * proxy is, and a lookup here would tell the local resolver every listing
 * visited), so no name is looked up here. What can be judged without a lookup
 * is: http(s) only, an address literal must be public, and `localhost` names
 * are refused, unless `allowPrivate`. Where a name leads is the proxy's
 * business: it is the operator's egress, and must itself refuse internal
 * destinations.
 */
export function assertAllowedProxiedUrl(url: string, platform: string, allowPrivate: boolean): void {
  const u = new URL(url);
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AddressRefusedError(platform, url, u.protocol);
  if (allowPrivate) return;
  const host = u.hostname.replace(/^\[|\]$/g, '').replace(/\.$/, '').toLowerCase();
  if (isIP(host) ? isPrivateAddress(host) : host === 'localhost' || host.endsWith('.localhost')) throw new AddressRefusedError(platform, url, host);
}

/** Whether `platform` may reach a private address for `url`'s host. */
export function allowsPrivate(platform: { allowPrivateNetwork: boolean; privateHosts: string[] }, url: string): boolean {
  return platform.allowPrivateNetwork || platform.privateHosts.includes(new URL(url).hostname);
}
