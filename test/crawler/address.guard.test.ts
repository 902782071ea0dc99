import { describe, expect, it } from 'vitest';
import { assertAllowedUrl, isPrivateAddress } from '../../crawler/address.guard.js';
import { AddressRefusedError } from '../../crawler/errors.js';

describe('address guard', () => {
  it.each([
    ['127.0.0.1', true], ['10.1.2.3', true], ['172.20.0.1', true], ['192.168.1.1', true], ['169.254.169.254', true],
    ['100.64.0.1', true], ['0.0.0.0', true], ['::1', true], ['fe80::1', true], ['fd00::1', true], ['::ffff:127.0.0.1', true],
    ['8.8.8.8', false], ['140.205.94.189', false], ['2400:3200::1', false],
  ])('%s private=%s', (ip, priv) => expect(isPrivateAddress(ip)).toBe(priv));

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
