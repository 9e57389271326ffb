// How a fan is named on the fan pages: "First Last", else "@username", else null, for the
// caller to word as "Fan #id" or, once erased, "Erased fan #id" in the page's language.

export interface NameParts {
  firstName: string | null;
  lastName: string | null;
  username: string | null;
  erased: boolean;
}

export function personName(f: NameParts): string | null {
  if (f.erased) return null;
  const name = [f.firstName, f.lastName].filter(Boolean).join(' ');
  return name || (f.username ? `@${f.username}` : null);
}
