import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { collectStoryFiles, readStoryFile } from '../../server/src/fsWorkspace';

/** The repository root: tests run from it (npm test). */
export const ROOT = process.cwd();

export function readRepoFile(...parts: string[]): string {
  return readFileSync(join(ROOT, ...parts), 'utf8');
}

/** The samples and the fixture stories, by uri. */
export function repositoryStories(): Map<string, string> {
  const texts = new Map<string, string>();
  for (const file of collectStoryFiles([join(ROOT, 'samples'), join(ROOT, 'test', 'fixtures', 'stories')]).files) {
    const read = readStoryFile(file);
    if (read.ok) texts.set(pathToFileURL(file).href, read.text);
  }
  return texts;
}

/** Where the team's shared seeds and reference annotations live (beside the repository). */
export const SHARED = join(ROOT, '..', 'shared');

/**
 * Splits fixture text with `|` cursor markers into the clean text and the offsets of the markers.
 */
export function withMarkers(marked: string, marker = '|'): { text: string; offsets: number[] } {
  const offsets: number[] = [];
  let text = '';
  for (const ch of marked) {
    if (ch === marker) offsets.push(text.length);
    else text += ch;
  }
  return { text, offsets };
}
