import {
  type EarlierNotes,
  listNotes,
  type Note,
  type NotePlace,
  notePlace,
  observeNotes,
  PHASES,
  type Phase,
  phaseHistoryType,
  type Rounds,
  readRounds,
  roundStartsType,
  type Step,
  type StepId,
} from '@kompas/model';
import type { Binding } from './binding.ts';
import type { BoardDocuments } from './board-documents.ts';

/** The notes on a board and its rounds, read together: what the round view and the new-round question show. */
export interface NotesInRounds {
  notes: readonly Note[];
  rounds: Rounds;
}

/** A note as the round view shows it. */
export interface RoundNote {
  note: Note;
  /** The round of the note it was carried from; undefined for a note written in its round, null when that note is gone. */
  carriedFrom?: number | null;
  /** The round a note was carried on into (a later one), when it was. */
  carriedInto?: number;
}

/** One round's column of a step in the round view. */
export interface RoundColumn {
  round: number;
  current: boolean;
  /** Where the round's notes are shown now: on the board, dimmed, or only in the round view. */
  place: NotePlace;
  /** From round 2: what the facilitator chose for the notes of the rounds before when this round started. */
  started?: EarlierNotes;
  /** The round's notes of the step, oldest first. */
  notes: RoundNote[];
}

/**
 * The notes of `step` per round, one column for every round from the first to the current one (a round
 * without notes there too, so the columns line up with the circle's rounds), each note marked when it was
 * carried from an earlier round or has been carried on into this one.
 */
export function stepAcrossRounds(step: StepId, { notes, rounds }: NotesInRounds): RoundColumn[] {
  const byId = new Map(notes.map((note) => [note.id, note]));
  const carriedInto = new Map<string, number>();
  for (const note of notes) {
    if (note.carriedFrom === undefined) continue;
    const round = rounds.roundOf(note);
    carriedInto.set(note.carriedFrom, Math.min(round, carriedInto.get(note.carriedFrom) ?? round));
  }
  const ofStep = notes.filter((note) => note.step === step).sort((a, b) => a.createdAt - b.createdAt);
  const columns: RoundColumn[] = [];
  for (let round = 1; round <= rounds.current; round++) {
    const started = rounds.starts.find((start) => start.round === round)?.earlier;
    columns.push({
      round,
      current: round === rounds.current,
      place: notePlace(round, rounds.current, rounds.starts),
      // A round started without a choice (by an older Kompas) keeps its earlier notes dimmed.
      ...(round > 1 ? { started: started ?? 'dimmed' } : {}),
      notes: [],
    });
  }
  for (const note of ofStep) {
    const column = columns[Math.min(rounds.roundOf(note), rounds.current) - 1];
    if (!column) continue;
    const into = carriedInto.get(note.id);
    const shown: RoundNote = into === undefined ? { note } : { note, carriedInto: into };
    if (note.carriedFrom !== undefined) {
      const origin = byId.get(note.carriedFrom);
      shown.carriedFrom = origin ? rounds.roundOf(origin) : null;
    }
    column.notes.push(shown);
  }
  return columns;
}

/** The notes of one step, for choosing which to carry along. */
export interface StepNotes {
  step: Step;
  notes: Note[];
}

/** The steps of one phase that hold notes. */
export interface PhaseNotes {
  phase: Phase;
  steps: StepNotes[];
}

/**
 * The notes written in `round`, by phase and step in the circle's order, leaving out the steps without any:
 * what the facilitator chooses from when carrying notes into the next round.
 */
export function roundNotesByStep({ notes, rounds }: NotesInRounds, round: number): PhaseNotes[] {
  const ofRound = notes
    .filter((note) => rounds.roundOf(note) === round)
    .sort((a, b) => a.createdAt - b.createdAt);
  return PHASES.map((phase) => ({
    phase,
    steps: phase.steps
      .map((step) => ({ step, notes: ofRound.filter((note) => note.step === step.id) }))
      .filter((group) => group.notes.length > 0),
  })).filter((group) => group.steps.length > 0);
}

/**
 * The notes and rounds of an open board, re-read on any change to the notes, the phase history or the round
 * starts: a carry by someone else shows at once.
 */
export const notesInRounds: Binding<BoardDocuments, NotesInRounds | null> = {
  watch(docs, changed) {
    const offNotes = observeNotes(docs.doc, changed);
    const control = [phaseHistoryType(docs.controlDoc), roundStartsType(docs.controlDoc)];
    for (const type of control) type.observe(changed);
    return () => {
      offNotes();
      for (const type of control) type.unobserve(changed);
    };
  },
  read: (docs) => ({ notes: listNotes(docs.doc), rounds: readRounds(docs.controlDoc) }),
};
