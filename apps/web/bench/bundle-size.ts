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
  initialScriptTotals,
  kb,
  type ScriptFile,
} from './initial-script.ts';

const line = ({ file, bytes, gzipped }: ScriptFile) =>
  `  ${file.padEnd(44)}${kb(bytes).padStart(10)}${kb(gzipped).padStart(10)} gz`;

const { english, dutch, lazy } = await buildAndMeasure();
const dutchTotal = gzippedTotal(english) + gzippedTotal(dutch);

console.log('Initial JavaScript of the board page (entry + static imports), gzipped (zlib default level):');
for (const file of english) console.log(line(file));
console.log('The Dutch page adds:');
for (const file of dutch) console.log(line(file));
console.log(
  `${initialScriptTotals({ english, dutch })}; budget the test keeps: ${kb(INITIAL_SCRIPT_BUDGET)}\n`,
);
console.log(`Loaded on demand (${lazy.length} chunks, ${kb(gzippedTotal(lazy))} gzipped in all):`);
for (const file of [...lazy].sort((a, b) => b.gzipped - a.gzipped)) console.log(line(file));
process.exit(dutchTotal <= INITIAL_SCRIPT_BUDGET ? 0 : 1);
