import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '../proxy';
import { contentSecurityPolicy, strictTransportSecurity } from './security-headers';

describe('security headers', () => {
  const original = process.env.NEXTAUTH_URL;
  afterEach(() => {
    process.env.NEXTAUTH_URL = original;
  });

  it('allows only this origin and no framing; eval only under next dev', () => {
    const csp = contentSecurityPolicy();
    expect(csp).toContain("default-src 'self'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).not.toContain('unsafe-eval');
    expect(contentSecurityPolicy({ dev: true })).toContain("'unsafe-eval'");
  });

  it('pins to https only an app served over https', () => {
    expect(strictTransportSecurity('https://fans.example.com')).toBe('max-age=31536000');
    expect(strictTransportSecurity('http://localhost:3000')).toBeNull();
    expect(strictTransportSecurity(undefined)).toBeNull();
    expect(strictTransportSecurity('not a url')).toBeNull();
  });

  it('proxy adds HSTS from NEXTAUTH_URL at run time', () => {
    const request = () => new NextRequest('http://127.0.0.1:3000/fans');
    process.env.NEXTAUTH_URL = 'https://fans.example.com';
    expect(proxy(request()).headers.get('strict-transport-security')).toBe('max-age=31536000');
    process.env.NEXTAUTH_URL = 'http://127.0.0.1:3000';
    expect(proxy(request()).headers.get('strict-transport-security')).toBeNull();
  });
});
