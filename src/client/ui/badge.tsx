import type { ReactNode } from 'react';

/** Tones of a badge: neutral information, the accent, a warning, or something lost. */
export type BadgeTone = 'neutral' | 'accent' | 'warning' | 'danger';

/** A small label: a version's state, a count. */
export function Badge({ tone = 'neutral', children }: { tone?: BadgeTone; children: ReactNode }) {
  return <span className={`badge badge-${tone}`}>{children}</span>;
}

/** A version's aliases as chips (`latest` first, as the API orders them). */
export function AliasChips({ aliases }: { aliases: string[] }) {
  if (aliases.length === 0) return null;
  return (
    <ul className="alias-chips" aria-label="Aliases">
      {aliases.map((alias) => (
        // The title shows a long alias whole where the chip cuts it.
        <li key={alias} className="alias-chip" title={alias}>
          {alias}
        </li>
      ))}
    </ul>
  );
}
