/**
 * The version table's selection: versions picked by hand (ids, with shift-click ranges over the
 * loaded rows), or "every version that matches the filter", which names no id at all and becomes
 * the deletion job's filter, so it reaches pages never loaded (decision 150).
 */
import { useCallback, useRef, useState } from 'react';
import type { Version } from '../../../../domain';

/** At most this many versions picked by hand: each is one entry of the job filter's `versions` list. */
export const MAX_HAND_PICKED = 1000;

/** What is selected: some versions by id, or all that match the current filter. */
export type VersionSelection = { kind: 'some'; ids: ReadonlySet<string> } | { kind: 'matching' };

const NONE: VersionSelection = { kind: 'some', ids: new Set() };

/** Only live versions can be deleted: the others have no checkbox. */
export const isSelectable = (v: Version) => v.state === 'COMMITTED';

export interface VersionSelectionApi {
  selection: VersionSelection;
  isSelected: (v: Version) => boolean;
  /** A row's checkbox was clicked to `checked`; with shift, every loaded row from the last one clicked takes the same state. */
  toggle: (v: Version, checked: boolean, shiftKey: boolean) => void;
  /** The header checkbox: every loaded selectable row, or none. */
  setAllLoaded: (checked: boolean) => void;
  selectMatching: () => void;
  clear: () => void;
}

/** `rows` are the loaded rows in the order shown; read at click time, so the callbacks stay stable. */
export function useVersionSelection(rows: readonly Version[]): VersionSelectionApi {
  const [selection, setSelection] = useState<VersionSelection>(NONE);
  const rowsRef = useRef(rows);
  rowsRef.current = rows;
  const anchor = useRef<string | null>(null);

  const toggle = useCallback((v: Version, checked: boolean, shiftKey: boolean) => {
    const loaded = rowsRef.current;
    // Read now: the updater below runs later, after the anchor has moved to this row.
    const from = anchor.current === null ? -1 : loaded.findIndex((r) => r.id === anchor.current);
    const to = loaded.findIndex((r) => r.id === v.id);
    const range = shiftKey && from >= 0 && to >= 0 ? loaded.slice(Math.min(from, to), Math.max(from, to) + 1) : [v];
    anchor.current = v.id;
    setSelection((current) => {
      // Unchecking one row of "all that match" leaves the loaded rows but that one: a filter cannot name exceptions.
      const ids = new Set(current.kind === 'matching' ? loaded.filter(isSelectable).map((r) => r.id) : current.ids);
      for (const row of range) {
        if (!isSelectable(row)) continue;
        if (checked) ids.add(row.id);
        else ids.delete(row.id);
      }
      return { kind: 'some', ids };
    });
  }, []);

  const setAllLoaded = useCallback((checked: boolean) => {
    anchor.current = null;
    setSelection(checked ? { kind: 'some', ids: new Set(rowsRef.current.filter(isSelectable).map((r) => r.id)) } : NONE);
  }, []);

  const selectMatching = useCallback(() => setSelection({ kind: 'matching' }), []);
  const clear = useCallback(() => {
    anchor.current = null;
    setSelection(NONE);
  }, []);

  const isSelected = useCallback((v: Version) => isSelectable(v) && (selection.kind === 'matching' || selection.ids.has(v.id)), [selection]);

  return { selection, isSelected, toggle, setAllLoaded, selectMatching, clear };
}
