// `npm run soak`: the long reliability runs that npm test leaves out. Prints figures and exits 1 when a
// target is missed. Options: --only properties|linearity|lsp|cancel (repeatable), --edits N (LSP edits).
import { inMocha } from '../unit/reliability/bounded';
import { cancelSoak } from './cancelSoak';
import { linearitySoak } from './linearity';
import { lspSoak } from './lspSoak';
import { propertySoak } from './propertySoak';

async function main(argv: readonly string[]): Promise<number> {
  const only = argv.flatMap((a, i) => (argv[i - 1] === '--only' ? [a] : []));
  const editsAt = argv.indexOf('--edits');
  const edits = editsAt >= 0 ? Number(argv[editsAt + 1]) : 10_000;
  const wanted = (part: string): boolean => only.length === 0 || only.includes(part);
  const started = performance.now();
  const results: Array<[string, boolean]> = [];
  if (wanted('properties')) results.push(['properties', await propertySoak()]);
  if (wanted('linearity')) results.push(['linearity', await linearitySoak()]);
  if (wanted('lsp')) results.push(['lsp', await lspSoak(edits)]);
  if (wanted('cancel')) results.push(['cancel', await cancelSoak(10_000)]);
  const failed = results.filter(([, ok]) => !ok).map(([name]) => name);
  console.log(`\nsoak finished in ${((performance.now() - started) / 1000).toFixed(0)} s: ${failed.length ? `targets missed in ${failed.join(', ')}` : 'all targets met'}`);
  return failed.length ? 1 : 0;
}

// In the workers that run the bounded jobs this bundle is loaded again: only the main thread drives.
if (inMocha) {
  main(process.argv.slice(2)).then(
    (code) => process.exit(code),
    (error: unknown) => {
      console.error(error);
      process.exit(2);
    },
  );
}
