/**
 * A CPU profile of the page while it opens the board (Chromium's V8 sampling profiler over CDP), saved for
 * DevTools (`.cpuprofile`) and summed up here: where the main thread spent its time, by function and by script.
 */
import { writeFile } from 'node:fs/promises';
import type { CDPSession } from '@playwright/test';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  endTime: number;
  samples?: number[];
  timeDeltas?: number[];
}

/** Starts sampling every 100 µs; call before the navigation to profile (same site, so the process stays). */
export async function startProfile(cdp: CDPSession): Promise<void> {
  await cdp.send('Profiler.enable');
  await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
  await cdp.send('Profiler.start');
}

/** Stops sampling, saves the profile to `path` and returns the summary's lines. */
export async function stopProfile(cdp: CDPSession, path: string, top = 25): Promise<string[]> {
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as { profile: Profile };
  await writeFile(path, JSON.stringify(profile));
  return summarize(profile, top);
}

const script = (url: string) =>
  url.replace(/^.*\/assets\//, '').replace(/^https?:\/\/[^/]+/, '') || '(native)';

/** Self time per function and per script, longest first; idle time and the profiler's own kinds apart. */
export function summarize(profile: Profile, top: number): string[] {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const selfMs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // Each sample's time is the delta to the next sample.
  for (let i = 0; i < samples.length; i++) {
    const id = samples[i] as number;
    selfMs.set(id, (selfMs.get(id) ?? 0) + (deltas[i + 1] ?? 0) / 1000);
  }
  const byFunction = new Map<string, number>();
  const byScript = new Map<string, number>();
  let busy = 0;
  for (const [id, ms] of selfMs) {
    const frame = byId.get(id)?.callFrame;
    if (!frame) continue;
    const name = frame.functionName || '(anonymous)';
    const special = name.startsWith('(') && frame.url === '';
    const key = special ? name : `${name} ${script(frame.url)}:${frame.lineNumber + 1}`;
    byFunction.set(key, (byFunction.get(key) ?? 0) + ms);
    if (!special || name === '(program)' || name === '(garbage collector)') {
      if (name !== '(idle)') busy += ms;
      const where = special ? name : script(frame.url);
      byScript.set(where, (byScript.get(where) ?? 0) + ms);
    }
  }
  const rows = (map: Map<string, number>, count: number) =>
    [...map]
      .sort((a, b) => b[1] - a[1])
      .slice(0, count)
      .map(([key, ms]) => `  ${ms.toFixed(1).padStart(8)} ms  ${key}`);
  const wall = (profile.endTime - profile.startTime) / 1000;
  return [
    `CPU profile: ${wall.toFixed(0)} ms sampled, main thread busy ${busy.toFixed(0)} ms`,
    'self time by script:',
    ...rows(byScript, 12),
    'self time by function:',
    ...rows(byFunction, top),
  ];
}
