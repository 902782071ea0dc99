import { describe, expect, it } from 'vitest';
import { assertAllowedUrl, isPrivateAddress } from '../../crawler/address.guard.js';
import { AddressRefusedError } from '../../crawler/errors.js';

describe('address guard', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.1', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['fe80::1', true], ['fd00::1', true], ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false], ['140.205.94.189', false], ['2400:3200::1', false],
  ])('%s private=%s', (ip, priv) => expect(isPrivateAddress(ip)).toBe(priv));

  // IPv6 forms that carry an IPv4 address (issue 23): IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16.
  it.each([
    ['::127.0.0.1', true], ['::7f00:1', true], ['::8.8.8.8', true], ['::a00:1', true], ['::ffff:7f00:1', true],
    ['64:ff9b::127.0.0.1', true], ['64:ff9b::7f00:1', true], ['64:ff9b::a9fe:a9fe', true], ['64:ff9b::10.0.0.1', true], ['64:FF9B::C0A8:101', true],
    ['64:ff9b::8.8.8.8', false], ['64:ff9b::8ccd:5ebd', false], ['64:ff9b:1::1', true],
    ['2002:7f00:1::', true], ['2002:7f00:0001:0:0:0:0:1', true], ['2002:a9fe:a9fe::1', true], ['2002:c0a8:0101::', true], ['2002:0a00:0001:ffff::', true],
    ['2002:0808:0808::1', false], ['2002:8ccd:5ebd::', false],
    ['2001:db8::1', true], ['fe80::1%eth0', true],
  ])('%s (an IPv4 address inside IPv6) private=%s', (ip, priv) => expect(isPrivateAddress(ip)).toBe(priv));

  it('refuses URLs whose IPv6 literal carries a loopback or private IPv4 address', async () => {
    for (const url of ['http://[::127.0.0.1]:8080/x', 'http://[64:ff9b::127.0.0.1]/', 'http://[2002:7f00:1::1]/', 'http://[64:ff9b::169.254.169.254]/latest/meta-data']) {
      await expect(assertAllowedUrl(url, 'p', false), url).rejects.toBeInstanceOf(AddressRefusedError);
    }
    await expect(assertAllowedUrl('http://shop.example/x', 'p', false, async () => ['2002:a00:1::'])).rejects.toThrow(/refused address 2002:a00:1::/);
  });

  it('refuses loopback, link-local metadata and names resolving to private addresses', async () => {
    await expect(assertAllowedUrl('http://127.0.0.1:8080/x', 'p', false)).rejects.toBeInstanceOf(AddressRefusedError);
    await expect(assertAllowedUrl('http://169.254.169.254/latest/meta-data', 'p', false)).rejects.toThrow(/169\.254\.169\.254/);
    await expect(assertAllowedUrl('http://shop.example/x', 'p', false, async () => ['10.0.0.5'])).rejects.toThrow(/refused address 10\.0\.0\.5.*platform=p/);
    await expect(assertAllowedUrl('file:///etc/passwd', 'p', true)).rejects.toBeInstanceOf(AddressRefusedError);
  });

  it('allows public addresses, and private ones when the platform allows them', async () => {
    await expect(assertAllowedUrl('https://item.example/1', 'p', false, async () => ['140.205.94.189'])).resolves.toBeUndefined();
    await expect(assertAllowedUrl('http://127.0.0.1:8601/mall', 'demo', true)).resolves.toBeUndefined();
  });
});
