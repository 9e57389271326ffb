'use client';

import { signOut } from 'next-auth/react';
import { useState } from 'react';

export function SignOutButton({ label }: { label: string }) {
  const [pending, setPending] = useState(false);
  async function onClick() {
    setPending(true);
    try {
      await signOut({ redirect: false });
    } finally {
      // A full load on purpose: it drops the signed-in user's cached data (react-query)
      // and the header, which a client-side navigation would keep.
      // eslint-disable-next-line @next/next/no-location-assign-relative-destination
      window.location.assign('/signin');
    }
  }
  return (
    <button
      type="button"
      data-testid="sign-out"
      onClick={onClick}
      disabled={pending}
      title={label}
      className="grid size-9 shrink-0 place-items-center rounded-md border border-slate-300 bg-white text-slate-600 shadow-sm transition hover:bg-slate-100 hover:text-slate-900 disabled:opacity-60 sm:flex sm:size-auto sm:px-3 sm:py-1.5 sm:text-sm sm:font-medium"
    >
      <svg
        aria-hidden
        viewBox="0 0 20 20"
        fill="none"
        stroke="currentColor"
        strokeWidth="1.6"
        strokeLinecap="round"
        strokeLinejoin="round"
        className="size-4 sm:hidden"
      >
        <path d="M8 4H5a1 1 0 0 0-1 1v10a1 1 0 0 0 1 1h3M13 14l4-4-4-4M17 10H8" />
      </svg>
      <span className="sr-only sm:not-sr-only">{label}</span>
    </button>
  );
}
