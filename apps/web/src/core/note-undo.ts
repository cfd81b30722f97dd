import { LOCAL_ORIGIN, notesType } from '@kompas/model';
import * as Y from 'yjs';

/** Where a step of the history is: its undo manager and the document it changes. */
export interface UndoTarget {
  manager: Y.UndoManager;
  doc: Y.Doc;
}

/** Stamped on each step as it lands on a stack, so the latest across the documents can be found. */
const ORDER = 'kompas:order';
const STACK_EVENTS = ['stack-item-added', 'stack-item-popped', 'stack-cleared'] as const;

interface StackItemEvent {
  stackItem: { meta: Map<unknown, unknown> };
  type: 'undo' | 'redo';
  origin: unknown;
}

/**
 * One undo history over this person's own changes to the notes of several documents: the board and, in a
 * silent brainstorm, their drafts. Yjs keeps an undo manager per document; this takes the latest step
 * across them, so undo and redo go back and forth in the order things were done, wherever they were done.
 * A new change in one document clears what could be redone in all of them, as in any editor.
 */
export class NoteUndo {
  readonly targets: readonly UndoTarget[];
  private clock = 0;
  private readonly stops: (() => void)[] = [];

  constructor(docs: readonly Y.Doc[]) {
    this.targets = docs.map((doc) => ({
      doc,
      manager: new Y.UndoManager(notesType(doc), { trackedOrigins: new Set([LOCAL_ORIGIN]) }),
    }));
    for (const { manager } of this.targets) {
      const onAdded = (event: StackItemEvent): void => {
        this.clock += 1;
        event.stackItem.meta.set(ORDER, this.clock);
        // An undo manager's own undo and redo carry it as their origin; anything else is a new change.
        if (event.type === 'undo' && event.origin !== manager) {
          for (const other of this.targets) if (other.manager !== manager) other.manager.clear(false, true);
        }
      };
      manager.on('stack-item-added', onAdded);
      this.stops.push(() => manager.off('stack-item-added', onAdded));
    }
  }

  canUndo(): boolean {
    return this.targets.some(({ manager }) => manager.canUndo());
  }

  canRedo(): boolean {
    return this.targets.some(({ manager }) => manager.canRedo());
  }

  /** Where the next undo (or redo) acts: the document whose latest step is the latest of all. */
  next(direction: 'undo' | 'redo'): UndoTarget | null {
    let found: UndoTarget | null = null;
    let latest = -1;
    for (const target of this.targets) {
      const stack = direction === 'undo' ? target.manager.undoStack : target.manager.redoStack;
      const order = Number(stack.at(-1)?.meta.get(ORDER) ?? -1);
      if (stack.length > 0 && order > latest) {
        found = target;
        latest = order;
      }
    }
    return found;
  }

  /** Takes back the latest step; false when there was none. */
  undo(): boolean {
    return this.next('undo')?.manager.undo() != null;
  }

  /** Makes the latest step taken back again; false when there was none. */
  redo(): boolean {
    return this.next('redo')?.manager.redo() != null;
  }

  /** The next change starts a step of its own instead of joining the one before. */
  stopCapturing(): void {
    for (const { manager } of this.targets) manager.stopCapturing();
  }

  /** Calls `listener` whenever what can be undone or redone may have changed; returns how to stop. */
  onChange(listener: () => void): () => void {
    for (const { manager } of this.targets) for (const event of STACK_EVENTS) manager.on(event, listener);
    return () => {
      for (const { manager } of this.targets) for (const event of STACK_EVENTS) manager.off(event, listener);
    };
  }

  destroy(): void {
    for (const stop of this.stops.splice(0)) stop();
    for (const { manager } of this.targets) manager.destroy();
  }
}
