/**
 * Where keyboard focus goes when an action removes the row it was started from (a delete from a
 * row's kebab). Without this, the kebab leaves the DOM and the browser drops focus to <body>, so
 * a keyboard user starts over from the top of the page.
 *
 * The neighbours are read when the dialog opens, because once the row is gone nothing says where
 * it was. React keeps the other rows' elements (they are keyed), so they are still the ones on
 * screen when the dialog closes.
 */

/** A row of a table or an item of a list: what a kebab acts on. */
const ITEM = 'tr, li';
const LIST = 'table, ul, ol';
/** The landmark whose heading takes focus when the whole list is gone. */
const SCOPE = 'nav, main';
/** A row's first control: its name link, or a button when it has no link (a version still uploading). */
const ROW_TARGET = 'a[href], button:not([disabled])';

/** Returns the element to focus now, or null to leave focus where the browser puts it. */
export type FocusResolver = () => HTMLElement | null;

/**
 * Captures the surroundings of `trigger` (a kebab) and returns what to focus once its row may be
 * gone, in this order: the same kebab re-rendered (a failed delete put its row back), the next
 * row's first control, the previous row's, the list itself when it is focusable (a table that
 * stays to say it is empty), and last the heading of the landmark around it.
 */
export function captureFocusSuccessor(trigger: HTMLElement | null): FocusResolver {
  const item = trigger?.closest<HTMLElement>(ITEM) ?? null;
  const list = item?.parentElement?.closest<HTMLElement>(LIST) ?? null;
  const scope = trigger?.closest<HTMLElement>(SCOPE) ?? null;
  const label = trigger?.getAttribute('aria-label') ?? null;
  const siblings = item?.parentElement ? Array.from(item.parentElement.children) : [];
  const at = item ? siblings.indexOf(item) : -1;
  // Nearest first on both sides: the row below takes the place of the deleted one.
  const candidates = at < 0 ? [] : [...siblings.slice(at + 1), ...siblings.slice(0, at).reverse()];

  return () => {
    if (list?.isConnected && label) {
      const again = findByLabel(list, label);
      if (again) return again;
    }
    for (const candidate of candidates) {
      const target = candidate.isConnected ? candidate.querySelector<HTMLElement>(ROW_TARGET) : null;
      if (target) return target;
    }
    if (list?.isConnected && list.hasAttribute('tabindex')) return list;
    return scope?.isConnected ? headingTarget(scope) : null;
  };
}

function findByLabel(root: HTMLElement, label: string): HTMLElement | null {
  // Compared in JavaScript rather than in a selector: a label may hold any character.
  return Array.from(root.querySelectorAll<HTMLElement>('button[aria-label]')).find((b) => b.getAttribute('aria-label') === label) ?? null;
}

/** The landmark's first heading (its link, when it is one), so a screen reader says where focus is. */
function headingTarget(scope: HTMLElement): HTMLElement | null {
  const heading = scope.querySelector<HTMLElement>('h1, h2');
  if (!heading) return null;
  const link = heading.querySelector<HTMLElement>('a[href]');
  if (link) return link;
  // A heading is not focusable by default; -1 lets a script focus it without adding a tab stop.
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  return heading;
}

/** The hold in force, if any: a new one replaces it, so two never fight over focus. */
let releaseHold: (() => void) | null = null;

/**
 * Focuses `first`, and focuses `resolve()` again if the focused element then leaves the page while
 * it settles. A collection's item can still be on screen when its dialog closes and go a moment
 * later (the sidebar re-renders, or the route leaves the deleted collection's page), which would
 * drop focus to <body> after all. Stops at the first key or pointer press (the user has taken
 * over), when the next hold starts, or when nothing is left to focus. Not after a time: on a slow
 * network or a busy machine the list's refetch can take seconds, and focus would drop after all.
 */
export function focusAndHold(first: HTMLElement, resolve: FocusResolver): void {
  let current = first;
  const lost = () => {
    const active = document.activeElement;
    return !current.isConnected && (active === null || active === document.body || !active.isConnected);
  };
  const stop = watchPage(() => {
    if (!lost()) return;
    const next = resolve();
    if (!next) return stop();
    current = next;
    next.focus();
  });
  first.focus();
}

/**
 * Calls `onChange` at every change of the page until the returned stop is called, the user presses
 * a key or a pointer (they have taken over), or another watch starts: one at a time, so two never
 * fight over focus.
 */
function watchPage(onChange: () => void): () => void {
  releaseHold?.();
  const observer = new MutationObserver(onChange);
  function stop() {
    observer.disconnect();
    window.removeEventListener('keydown', stop, true);
    window.removeEventListener('pointerdown', stop, true);
    if (releaseHold === stop) releaseHold = null;
  }
  releaseHold = stop;
  observer.observe(document.body, { childList: true, subtree: true });
  window.addEventListener('keydown', stop, true);
  window.addEventListener('pointerdown', stop, true);
  return stop;
}

/** Focus that no control holds: the page itself, or the toasts (one closing hands focus to their list). */
function focusIsIdle(): boolean {
  const active = document.activeElement;
  return active === null || active === document.body || !active.isConnected || active.closest('.toast-viewport') !== null;
}

/**
 * After an Undo brings back the row a delete removed: focuses the control labelled `label` (the
 * row's kebab) once it is on screen again, since the list refetches first. Without this, focus
 * stays on the closing toast's list, and a keyboard user starts over from there. Only while focus
 * is idle; stops at the user's next key or pointer press (they have taken over) or once done. A
 * control in the page's main content is preferred to one of the same label in the sidebar.
 */
export function focusWhenBack(label: string): void {
  const find = () => {
    const matches = Array.from(document.querySelectorAll<HTMLElement>('button[aria-label]')).filter((b) => b.getAttribute('aria-label') === label);
    return matches.find((b) => b.closest('main') !== null) ?? matches[0] ?? null;
  };
  const stop = watchPage(() => {
    const target = find();
    if (!target) return;
    if (focusIsIdle()) target.focus();
    stop();
  });
}
