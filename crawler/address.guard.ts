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
for (const [net, prefix] of [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['ff00::', 8]] as const) {
  blocked.addSubnet(net, prefix, 'ipv6');
}

/** True when the literal IP address is not publicly routable. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return blocked.check(ip, 'ipv4');
  if (family === 6) {
    const mapped = ip.toLowerCase().match(/^::ffff:(\d+\.\d+\.\d+\.\d+)$/);
    if (mapped) return blocked.check(mapped[1], 'ipv4');
    return blocked.check(ip, 'ipv6');
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

/** Whether `platform` may reach a private address for `url`'s host. */
export function allowsPrivate(platform: { allowPrivateNetwork: boolean; privateHosts: string[] }, url: string): boolean {
  return platform.allowPrivateNetwork || platform.privateHosts.includes(new URL(url).hostname);
}
