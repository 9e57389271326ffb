import type { Role } from '../../db/schema/accounts';

// What our JWT and session carry besides next-auth's defaults (lib/auth/options.ts).
declare module 'next-auth' {
  interface User {
    role: Role;
    sessionVersion: number;
  }
  interface Session {
    user?: { id: number; email: string; name: string; role: Role };
  }
}

declare module 'next-auth/jwt' {
  interface JWT {
    uid?: number;
    role?: Role;
    /** The user's session version when it was issued (lib/auth/session.ts). */
    sv?: number;
  }
}
