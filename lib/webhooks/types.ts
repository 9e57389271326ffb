// What the Settings panel shows of the purchase webhook's sources, as JSON (times as ISO
// strings), so the server's first render and the browser's refreshes share one type. Pure.

/** A secret signs while `valid` (no end) or `ending` (until validUntil); `ended` no more. */
export type WebhookSecretState = 'valid' | 'ending' | 'ended';

export interface WebhookSecretSetting {
  id: number;
  createdAt: string;
  validUntil: string | null;
  state: WebhookSecretState;
}

export interface WebhookSourceSetting {
  id: number;
  name: string;
  createdAt: string;
  /** The admin who added it; null when added with the CLI. */
  createdBy: string | null;
  revokedAt: string | null;
  /** Newest first. */
  secrets: WebhookSecretSetting[];
}

export interface WebhookSettings {
  /** Whether APP_SECRET is set, without which no secret can be stored. */
  configured: boolean;
  sources: WebhookSourceSetting[];
}

/** A source with its new secret, answered once (when added or rotated). */
export interface WebhookSecretIssued {
  source: WebhookSourceSetting;
  secret: string;
}

/** The overlaps the Settings panel offers when rotating, in hours; 24 unless chosen. */
export const overlapChoices = [0, 1, 24, 72, 168] as const;
export const defaultOverlapHours = 24;
/** The longest overlap (30 days) the API and the CLI take. */
export const maxOverlapHours = 720;
