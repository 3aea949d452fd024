/**
 * Escapes article text for a Markdown hover: every character Markdown or HTML could act on is escaped,
 * so no link, image, HTML or command from an article becomes active.
 */
export function escapeMarkdown(text: string): string {
  return text
    .replace(/[\\`*_{}[\]()#+\-.!|~>]/g, (c) => `\\${c}`)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/:/g, '&#58;')
    .replace(/\r\n|\r|\n/g, ' ');
}
