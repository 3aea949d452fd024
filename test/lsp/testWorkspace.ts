import { cpSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

/** Copies the samples and the fixture stories into `folder`; returns how many story files it holds. */
export function copyTestWorkspace(folder: string): number {
  cpSync(join(process.cwd(), 'samples'), folder, { recursive: true });
  cpSync(join(process.cwd(), 'test', 'fixtures', 'stories'), join(folder, 'fixtures'), { recursive: true });
  return (readdirSync(folder, { recursive: true }) as string[]).filter((f) => /\.(articles|txt)$/.test(f)).length;
}
