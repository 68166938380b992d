/** Clipboard access behind one function, so actions stay plain data and tests can read what was copied. */
export async function copyText(text: string): Promise<void> {
  if (!navigator.clipboard) throw new Error('The clipboard is not available in this browser (it needs HTTPS or localhost).');
  await navigator.clipboard.writeText(text);
}
