import { storableText } from '../ingest/storable-text';

// The name the browser sent (X-File-Name, URI-encoded), as the label of the report, of
// every message and of the audit entry. Only ever shown, never used as a path.

const controls = /[\u0000-\u001f\u007f-\u009f]/g;

export function uploadedFileName(header: string | null): string {
  let name = '';
  try {
    name = decodeURIComponent(header ?? '');
  } catch {
    // A malformed escape: the default name below.
  }
  // Audit rows are Postgres text: no NUL, no lone surrogate (nor any other control).
  const clean = storableText(name.replace(controls, '')).trim();
  return [...clean].slice(0, 255).join('') || 'result.json';
}
