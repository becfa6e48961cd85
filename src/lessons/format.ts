/** Escapes HTML and turns `code` spans into <code>, for short lesson strings (tasks, hints, goals). */
export function inlineMarkup(text: string): string {
  const esc = text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
  return esc.replace(/`([^`]+)`/g, '<code>$1</code>');
}
