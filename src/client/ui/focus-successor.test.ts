// @vitest-environment jsdom
import { waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { captureFocusSuccessor, focusAndHold } from './focus-successor';

afterEach(() => {
  document.body.innerHTML = '';
});

/** A sidebar-like list of three items, each with a link and a kebab, under a landmark with a heading. */
function renderList(focusableList = false) {
  document.body.innerHTML = `
    <nav aria-label="Collections">
      <h2><a href="/p">demo / p</a></h2>
      <ul ${focusableList ? 'tabindex="-1"' : ''}>
        ${['a', 'b', 'c'].map((n) => `<li id="${n}"><a href="/${n}">${n}</a><button aria-label="Actions for ${n}">⋮</button></li>`).join('')}
      </ul>
    </nav>`;
  const kebab = (n: string) => document.querySelector<HTMLElement>(`[aria-label="Actions for ${n}"]`)!;
  const link = (n: string) => document.querySelector<HTMLElement>(`a[href="/${n}"]`)!;
  const remove = (n: string) => document.getElementById(n)!.remove();
  return { kebab, link, remove, list: document.querySelector('ul')! };
}

describe('captureFocusSuccessor', () => {
  it('picks the next item’s link, or the previous one when the last item went', () => {
    const { kebab, link, remove } = renderList();
    const afterB = captureFocusSuccessor(kebab('b'));
    const afterC = captureFocusSuccessor(kebab('c'));
    remove('b');
    expect(afterB()).toBe(link('c'));
    remove('c');
    expect(afterC()).toBe(link('a'));
  });

  it('picks the same kebab when its item was rendered again', () => {
    const { kebab, list } = renderList();
    const resolve = captureFocusSuccessor(kebab('b'));
    const copy = document.getElementById('b')!.cloneNode(true);
    document.getElementById('b')!.remove();
    list.append(copy);
    expect(resolve()).toBe(kebab('b'));
  });

  it('falls back to a focusable list, then to the landmark’s heading', () => {
    const focusable = renderList(true);
    const toList = captureFocusSuccessor(focusable.kebab('a'));
    ['a', 'b', 'c'].forEach(focusable.remove);
    expect(toList()).toBe(focusable.list);

    const plain = renderList();
    const toHeading = captureFocusSuccessor(plain.kebab('a'));
    plain.list.remove();
    expect(toHeading()).toBe(document.querySelector('h2 a'));
  });

  it('makes a heading without a link focusable from script only', () => {
    document.body.innerHTML = `<main><h1>Pending deletion</h1><table><tbody><tr><td><button aria-label="k">⋮</button></td></tr></tbody></table></main>`;
    const resolve = captureFocusSuccessor(document.querySelector('button'));
    document.querySelector('table')!.remove();
    const heading = resolve()!;
    expect(heading.tagName).toBe('H1');
    expect(heading.tabIndex).toBe(-1);
  });

  it('finds nothing for a trigger outside any list or landmark', () => {
    document.body.innerHTML = `<div><button aria-label="k">⋮</button></div>`;
    expect(captureFocusSuccessor(document.querySelector('button'))()).toBeNull();
    expect(captureFocusSuccessor(null)()).toBeNull();
  });
});

describe('focusAndHold', () => {
  it('moves focus on when the element it focused leaves the page a moment later', async () => {
    const { kebab, link, remove } = renderList();
    const resolve = captureFocusSuccessor(kebab('b'));
    focusAndHold(kebab('b'), resolve);
    expect(kebab('b')).toHaveFocus();
    remove('b');
    await waitFor(() => expect(link('c')).toHaveFocus());
  });

  it('holds however long the page takes to settle: a row that goes seconds later still hands focus on', async () => {
    const { kebab, link, remove } = renderList();
    vi.useFakeTimers();
    try {
      focusAndHold(kebab('b'), captureFocusSuccessor(kebab('b')));
      // A refetch on a slow network or a busy machine: the row leaves long after the dialog closed.
      vi.advanceTimersByTime(30_000);
    } finally {
      vi.useRealTimers();
    }
    remove('b');
    await waitFor(() => expect(link('c')).toHaveFocus());
  });

  it('gives way to the next hold', async () => {
    const { kebab, link, remove } = renderList();
    focusAndHold(kebab('b'), captureFocusSuccessor(kebab('b')));
    focusAndHold(link('a'), () => null);
    remove('b');
    remove('a');
    await new Promise((resolve) => setTimeout(resolve, 0));
    // The first hold would have focused c; the second found nothing and let focus go.
    expect(document.activeElement).toBe(document.body);
  });

  it('lets go once the user presses a key', async () => {
    const { kebab, remove } = renderList();
    const b = kebab('b');
    focusAndHold(b, captureFocusSuccessor(b));
    document.dispatchEvent(new KeyboardEvent('keydown', { bubbles: true }));
    remove('b');
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(document.activeElement).toBe(document.body);
  });
});
