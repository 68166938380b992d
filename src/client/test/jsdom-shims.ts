/**
 * What jsdom lacks and Radix calls: pointer capture (Toast's swipe handling calls
 * `hasPointerCapture` on every pointerup inside a toast). Imported by tests that render Radix.
 * Candidate for vitest.setup.ts if more tests need it.
 */
if (typeof Element !== 'undefined' && !Element.prototype.hasPointerCapture) {
  Element.prototype.hasPointerCapture = () => false;
  Element.prototype.setPointerCapture = () => {};
  Element.prototype.releasePointerCapture = () => {};
}
