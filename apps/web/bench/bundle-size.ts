/**
 * The JavaScript the board page downloads before its first render, gzipped, against its budget: builds the
 * production web app (in a temporary folder) and sizes the entry script and its static imports, for a page
 * in English and in Dutch, then lists the chunks loaded on demand. See initial-script.ts.
 *
 *   pnpm bench:bundle
 */
import {
  buildAndMeasure,
  gzippedTotal,
  INITIAL_SCRIPT_BUDGET,
  INITIAL_SCRIPT_TARGET,
  type ScriptFile,
} from './initial-script.ts';

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;
const line = ({ file, bytes, gzipped }: ScriptFile) =>
  `  ${file.padEnd(44)}${kb(bytes).padStart(10)}${kb(gzipped).padStart(10)} gz`;

const { english, dutch, lazy } = await buildAndMeasure();
const englishTotal = gzippedTotal(english);
const dutchTotal = englishTotal + gzippedTotal(dutch);

console.log('Initial JavaScript of the board page (entry + static imports), gzipped (zlib default level):');
for (const file of english) console.log(line(file));
console.log(`English page: ${kb(englishTotal)} gzipped`);
for (const file of dutch) console.log(line(file));
console.log(`Dutch page (the default; adds the Dutch texts): ${kb(dutchTotal)} gzipped`);
const met = (total: number) => (total <= INITIAL_SCRIPT_TARGET ? 'met' : 'not met');
console.log(
  `Target (issue 15): ${kb(INITIAL_SCRIPT_TARGET)}: English ${met(englishTotal)}, Dutch ${met(dutchTotal)}; ` +
    `budget the test keeps: ${kb(INITIAL_SCRIPT_BUDGET)}\n`,
);
console.log(`Loaded on demand (${lazy.length} chunks, ${kb(gzippedTotal(lazy))} gzipped in all):`);
for (const file of [...lazy].sort((a, b) => b.gzipped - a.gzipped)) console.log(line(file));
process.exit(dutchTotal <= INITIAL_SCRIPT_BUDGET ? 0 : 1);
