import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { clientAddress, normalizeAddress, parseTrustedProxies } from './client-address';
import { installPeerAddressStamp, peerAddressOf, peerHeader } from './peer-address';

const none = parseTrustedProxies(undefined);
const proxies = parseTrustedProxies('10.0.0.0/8, 192.0.2.1, fd00::/8');

/** Headers as a request received by a server with the stamp would carry them. */
async function received(headers: Record<string, string>): Promise<http.IncomingHttpHeaders> {
  installPeerAddressStamp();
  const server = http.createServer((req, res) => {
    res.end(JSON.stringify(req.headers));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const response = await fetch(`http://127.0.0.1:${port}/`, { headers });
    return (await response.json()) as http.IncomingHttpHeaders;
  } finally {
    await new Promise((resolve) => server.close(resolve));
  }
}

describe('TRUSTED_PROXIES', () => {
  it('reads addresses and CIDR ranges, IPv4 and IPv6', () => {
    expect(proxies.entries).toEqual(['10.0.0.0/8', '192.0.2.1', 'fd00::/8']);
    expect(parseTrustedProxies('').entries).toEqual([]);
  });

  it('refuses an entry that is neither, naming it', () => {
    for (const bad of [
      'example.com',
      '10.0.0.0/33',
      '10.0.0.0/8/1',
      '::1/129',
      '10.0.0/8',
      '1.2.3.4/x',
    ])
      expect(() => parseTrustedProxies(`10.0.0.1, ${bad}`), bad).toThrow(
        `TRUSTED_PROXIES: "${bad}" is not an IP address or CIDR range`,
      );
  });
});

describe('the client address', () => {
  it('is the socket address, whatever X-Forwarded-For a client sends, without trusted proxies', async () => {
    const headers = await received({
      'x-forwarded-for': '203.0.113.9, 198.51.100.1',
      'x-real-ip': '203.0.113.10',
      [peerHeader]: 'forged 203.0.113.11',
    });
    expect(peerAddressOf(headers)).toBe('127.0.0.1');
    expect(clientAddress(headers, none)).toBe('127.0.0.1');
    // Trusting the loopback as a proxy, the hop it appended counts.
    expect(clientAddress(headers, parseTrustedProxies('127.0.0.1'))).toBe('198.51.100.1');
  });

  it('behind trusted proxies: walks X-Forwarded-For from the right past them only', async () => {
    const headers = await received({ 'x-forwarded-for': '6.6.6.6, 203.0.113.9, 10.1.1.1' });
    const behind = parseTrustedProxies('127.0.0.0/8, 10.0.0.0/8');
    // 6.6.6.6 is what the client claimed; 203.0.113.9 is what the outer proxy saw.
    expect(clientAddress(headers, behind)).toBe('203.0.113.9');
    // A peer that is not a trusted proxy: the header is not read at all.
    expect(clientAddress(headers, proxies)).toBe('127.0.0.1');
  });

  it('without a stamp: trusted proxies are assumed in front, else the last hop (Next writes the socket address there)', () => {
    const h = (xff: string) => ({ 'x-forwarded-for': xff });
    expect(clientAddress(h('6.6.6.6, 203.0.113.9, 10.1.1.1, 192.0.2.1'), proxies)).toBe(
      '203.0.113.9',
    );
    expect(clientAddress(h('203.0.113.9'), proxies)).toBe('203.0.113.9');
    expect(clientAddress(h('10.0.0.5, 10.0.0.6'), proxies)).toBe('10.0.0.5');
    expect(clientAddress(h('garbage, 10.0.0.6'), proxies)).toBe('unknown');
    expect(clientAddress(h('[2001:db8::1]:443, fd00::1'), proxies)).toBe('2001:db8::1');
    expect(clientAddress(h('::ffff:203.0.113.9'), none)).toBe('203.0.113.9');
    expect(clientAddress(h('6.6.6.6, 203.0.113.9'), none)).toBe('203.0.113.9');
    expect(clientAddress({}, none)).toBe('unknown');
    expect(clientAddress(new Headers(h('203.0.113.9:5000')), none)).toBe('203.0.113.9');
  });

  it('a forged stamp is not believed', () => {
    expect(peerAddressOf({ [peerHeader]: 'forged 203.0.113.11' })).toBeNull();
    expect(clientAddress({ [peerHeader]: 'forged 203.0.113.11' }, none)).toBe('unknown');
  });

  it('normalizes addresses', () => {
    expect(normalizeAddress(' ::FFFF:10.0.0.1 ')).toBe('10.0.0.1');
    expect(normalizeAddress('fe80::1%eth0')).toBe('fe80::1');
    expect(normalizeAddress('not an ip')).toBeNull();
  });
});
