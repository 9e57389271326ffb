'use client';

import { useTranslations } from 'next-intl';
import { useRef, useState } from 'react';

/** The header a sender signs each delivery with (README "Purchase webhook"). */
export const signatureHeaderFormat =
  'X-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the secret>';

/**
 * A source's new secret, shown this once (the server keeps only its ciphertext), with a
 * copy button, where to send purchases and how to sign them.
 */
export function WebhookSecretIssued({
  issued,
  endpoint,
  onDone,
}: {
  issued: { kind: 'added' | 'rotated'; name: string; secret: string };
  endpoint: string;
  onDone: () => void;
}) {
  const t = useTranslations('settings.webhooks.issued');
  const [copied, setCopied] = useState(false);
  const output = useRef<HTMLOutputElement>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(issued.secret);
      setCopied(true);
    } catch {
      // No clipboard (a page over plain http): select it, for the person to copy.
      const range = document.createRange();
      range.selectNodeContents(output.current!);
      window.getSelection()?.removeAllRanges();
      window.getSelection()?.addRange(range);
    }
  };
  const code =
    'rounded-md bg-slate-900 px-3 py-2 text-xs break-all whitespace-pre-wrap text-slate-100';
  return (
    <div
      role="status"
      data-testid="webhook-secret-issued"
      className="flex flex-col gap-3 rounded-lg border border-emerald-200 bg-emerald-50/70 p-3 text-sm text-slate-700 sm:p-4"
    >
      <p className="font-medium text-slate-900">
        {issued.kind === 'added'
          ? t('titleAdded', { name: issued.name })
          : t('titleRotated', { name: issued.name })}
      </p>
      <div className="flex flex-wrap items-center gap-2">
        <output
          ref={output}
          data-testid="webhook-secret"
          className="min-w-0 flex-1 rounded-lg border border-emerald-200 bg-white px-3 py-2 font-mono text-sm break-all text-slate-900 select-all"
        >
          {issued.secret}
        </output>
        <button
          type="button"
          data-testid="webhook-secret-copy"
          onClick={() => void copy()}
          className="rounded-lg border border-slate-200 bg-white px-3 py-2 text-sm font-medium text-slate-700 hover:bg-slate-100"
        >
          {copied ? t('copied') : t('copy')}
        </button>
      </div>
      <p className="text-xs text-slate-600">{t('keep')}</p>
      <div className="flex flex-col gap-1">
        <p className="font-medium text-slate-900">{t('url')}</p>
        <pre className={code}>
          <code data-testid="webhook-endpoint">POST {endpoint}</code>
        </pre>
      </div>
      <div className="flex flex-col gap-1">
        <p className="font-medium text-slate-900">{t('header')}</p>
        <pre className={code}>
          <code data-testid="webhook-header-format">{signatureHeaderFormat}</code>
        </pre>
        <p className="text-xs text-slate-600">{t('headerHelp')}</p>
      </div>
      <div>
        <button
          type="button"
          data-testid="webhook-secret-done"
          onClick={onDone}
          className="rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-700"
        >
          {t('done')}
        </button>
      </div>
    </div>
  );
}
