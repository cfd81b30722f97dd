import {
  DEFAULT_NOTE_COLOR,
  type Note,
  type NoteColor,
  type SlicePosition,
  type StepId,
} from '@kompas/model';
import type { NoteCreateDetail, NoteEditDetail } from '../core/board-events.ts';
import { randomId } from '../core/ids.ts';

/** A note being written: a new one (not in the document until saved) or an existing one. */
export interface EditSession {
  id: string;
  isNew: boolean;
  step: StepId;
  pos: SlicePosition;
  text: string;
  color: NoteColor;
}

export function draftSession(step: StepId, pos: SlicePosition): EditSession {
  return { id: randomId(), isNew: true, step, pos, text: '', color: DEFAULT_NOTE_COLOR };
}

export function editSession(note: Note): EditSession {
  const { id, step, pos, text, color } = note;
  return { id, isNew: false, step, pos, text, color };
}

/**
 * What saving `text` asks of the document: a new note, an edit, or nothing (a blank draft is dropped,
 * and blank or unchanged text leaves an existing note as it was).
 */
export function savedEdit(
  session: EditSession,
  text: string,
): { create: NoteCreateDetail } | { edit: NoteEditDetail } | null {
  if (!text.trim()) return null;
  if (session.isNew) {
    const { id, step, pos, color } = session;
    return { create: { id, step, pos, text, color } };
  }
  return text.trim() === session.text ? null : { edit: { id: session.id, text } };
}
