import { type PhasePosition, slicePositionToPoint } from '@kompas/model';
import type { Peer } from '../core/presence.ts';
import type { ReplaySession } from './replay-session.ts';
import { replayedTotals } from './replay-votes.ts';

/** What a replay shows of a note, for browser tests. */
export interface ReplayedNote {
  id: string;
  text: string;
  step: string;
  pos: { r: number; t: number };
  /** The note's centre in board coordinates. */
  x: number;
  y: number;
  /** Votes counted for it in the latest voting round, when there was one. */
  votes?: number;
}

/** The replay's window API for browser tests: `window.kompasReplay`, installed while a replay is shown. */
export interface KompasReplayHooks {
  seek(t: number): Promise<void>;
  time(): number;
  start(): number;
  end(): number;
  notes(): ReplayedNote[];
  phase(): { phase: string; round: number } | null;
  cursors(): { name: string; x: number; y: number }[];
}

declare global {
  interface Window {
    kompasReplay?: KompasReplayHooks;
  }
}

/** What the hooks read from the page showing the replay. */
export interface ReplayView {
  seek(t: number): Promise<void>;
  position(): PhasePosition | null;
  cursors(): Peer[];
}

/** Installs the hooks of `session` shown by `view`; returns how to remove them. */
export function installReplayHooks(session: ReplaySession, view: ReplayView): () => void {
  const hooks: KompasReplayHooks = {
    seek: (t) => view.seek(t),
    time: () => session.time,
    start: () => session.start,
    end: () => session.end,
    notes: () => {
      const totals = replayedTotals(session);
      return session.board.notes().map(({ note }) => ({
        id: note.id,
        text: note.text,
        step: note.step,
        pos: { ...note.pos },
        ...slicePositionToPoint(note.step, note.pos),
        ...(totals ? { votes: totals.get(note.id) ?? 0 } : {}),
      }));
    },
    phase: () => view.position(),
    cursors: () =>
      view
        .cursors()
        .flatMap((peer) =>
          peer.cursor ? [{ name: peer.user.name, x: peer.cursor.x, y: peer.cursor.y }] : [],
        ),
  };
  window.kompasReplay = hooks;
  return () => {
    if (window.kompasReplay === hooks) delete window.kompasReplay;
  };
}
