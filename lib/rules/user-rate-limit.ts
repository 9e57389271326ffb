// A per-user bound on an expensive request, in this server process: at most one running at
// a time and at most `perWindow` started in any `windowMs`. Refused requests do not count.

export type Admission =
  | { ok: true; release: () => void }
  | { ok: false; reason: 'running' | 'rate'; retryAfterSeconds: number };

export interface UserRateLimit {
  admit(userId: number): Admission;
}

export function createUserRateLimit({
  perWindow,
  windowMs,
  now = () => Date.now(),
}: {
  perWindow: number;
  windowMs: number;
  now?: () => number;
}): UserRateLimit {
  const started = new Map<number, number[]>();
  const running = new Set<number>();
  return {
    admit(userId) {
      const at = now();
      const recent = (started.get(userId) ?? []).filter((t) => t > at - windowMs);
      if (recent.length === 0) started.delete(userId);
      else started.set(userId, recent);
      if (running.has(userId)) return { ok: false, reason: 'running', retryAfterSeconds: 1 };
      if (recent.length >= perWindow)
        return {
          ok: false,
          reason: 'rate',
          retryAfterSeconds: Math.max(1, Math.ceil((recent[0]! + windowMs - at) / 1000)),
        };
      started.set(userId, [...recent, at]);
      running.add(userId);
      let released = false;
      return {
        ok: true,
        release: () => {
          if (released) return;
          released = true;
          running.delete(userId);
        },
      };
    },
  };
}
