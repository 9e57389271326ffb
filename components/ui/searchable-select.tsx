'use client';

import { useId, useMemo, useRef, useState, type KeyboardEvent } from 'react';

export interface SelectOption {
  value: string;
  label: string;
  /** Shown beside the label, e.g. a zone's offset; searched too. */
  hint?: string;
}

const words = (text: string) => text.toLowerCase().replace(/[_/]+/g, ' ');

/**
 * The options matching every word typed (in any order, `_` and `/` read as spaces), those
 * with a word that starts with the first typed word first.
 */
export function matchOptions(options: SelectOption[], query: string): SelectOption[] {
  const typed = words(query).split(/\s+/).filter(Boolean);
  if (typed.length === 0) return options;
  const found = options.filter((o) => {
    const text = words(`${o.value} ${o.label} ${o.hint ?? ''}`);
    return typed.every((w) => text.includes(w));
  });
  const leads = (o: SelectOption) =>
    words(o.label)
      .split(' ')
      .some((w) => w.startsWith(typed[0]!));
  return [...found.filter(leads), ...found.filter((o) => !leads(o))];
}

/**
 * A select for long lists: a search box over a list of the options that match (the ARIA
 * combobox pattern, with its list always shown). Arrow keys move, Enter or a click picks.
 */
export function SearchableSelect({
  label,
  options,
  value,
  onChange,
  placeholder,
  noMatches,
  testId,
  maxShown = 100,
}: {
  label: string;
  options: SelectOption[];
  /** The option picked, or null. */
  value: string | null;
  onChange: (value: string) => void;
  placeholder?: string;
  noMatches: string;
  testId?: string;
  maxShown?: number;
}) {
  const id = useId();
  const [query, setQuery] = useState('');
  const [active, setActive] = useState(0);
  const list = useRef<HTMLUListElement>(null);
  const matches = useMemo(
    () => matchOptions(options, query).slice(0, maxShown),
    [options, query, maxShown],
  );
  const optionId = (i: number) => `${id}-option-${i}`;
  const move = (to: number) => {
    const next = Math.max(0, Math.min(matches.length - 1, to));
    setActive(next);
    list.current
      ?.querySelector(`#${CSS.escape(optionId(next))}`)
      ?.scrollIntoView({ block: 'nearest' });
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown') move(active + 1);
    else if (e.key === 'ArrowUp') move(active - 1);
    else if (e.key === 'Home' && e.ctrlKey) move(0);
    else if (e.key === 'End' && e.ctrlKey) move(matches.length - 1);
    else if (e.key === 'Enter') {
      // Picks; never submits the form around it.
      if (matches[active]) onChange(matches[active].value);
    } else return;
    e.preventDefault();
  };
  return (
    <div className="flex flex-col gap-1.5" data-testid={testId}>
      <label htmlFor={`${id}-search`} className="text-sm font-medium text-slate-700">
        {label}
      </label>
      <input
        id={`${id}-search`}
        type="search"
        role="combobox"
        aria-expanded="true"
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={matches[active] ? optionId(active) : undefined}
        autoComplete="off"
        spellCheck={false}
        value={query}
        placeholder={placeholder}
        onChange={(e) => {
          setQuery(e.target.value);
          setActive(0);
          list.current?.scrollTo({ top: 0 });
        }}
        onKeyDown={onKeyDown}
        className="rounded-lg border border-slate-200 px-2.5 py-1.5 text-sm focus:border-indigo-500 focus:ring-1 focus:ring-indigo-500 focus:outline-none"
      />
      <ul
        ref={list}
        id={`${id}-list`}
        role="listbox"
        aria-label={label}
        className="max-h-56 overflow-auto rounded-lg border border-slate-200 py-1 text-sm"
      >
        {matches.length === 0 && <li className="px-3 py-1.5 text-slate-500">{noMatches}</li>}
        {matches.map((o, i) => {
          const picked = o.value === value;
          return (
            <li
              key={o.value}
              id={optionId(i)}
              role="option"
              aria-selected={picked}
              // Keeps the focus in the search box, so typing goes on after a click.
              onMouseDown={(e) => e.preventDefault()}
              onMouseEnter={() => setActive(i)}
              onClick={() => onChange(o.value)}
              className={`flex cursor-pointer items-baseline justify-between gap-3 px-3 py-1.5 ${
                i === active ? 'bg-indigo-50' : ''
              } ${picked ? 'font-medium text-indigo-700' : 'text-slate-800'}`}
            >
              <span className="break-all">
                <span aria-hidden="true" className="inline-block w-4 text-indigo-600">
                  {picked ? '✓' : ''}
                </span>
                {o.label}
              </span>
              {o.hint && (
                <span className="shrink-0 text-xs text-slate-500 tabular-nums">{o.hint}</span>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
