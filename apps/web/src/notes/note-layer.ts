import {
  NOTE_SCALES,
  type Note,
  placeInSlice,
  positionInSlice,
  STEPS,
  type StepId,
  stepNoteScale,
  stepScaleOf,
  stepSlots,
} from '@kompas/model';
import type { NoteChanges, NoteSource, ShownNote } from '../core/note-source.ts';
import { type Point, type Rect, rectContains, rectsOverlap, rectWithin } from '../core/viewport.ts';
import * as Konva from '../ui/konva.ts';
import { whenIdle } from '../ui/load-once.ts';
import { NoteView, type VoteBadge } from './note-view.ts';

/** How long one frame may spend building note caches, so zooming in on a full board stays responsive. */
const CACHE_BUDGET_MS = 8;
/** How long one idle moment may spend working out the steps' slots. */
const SLOTS_BUDGET_MS = 6;

/**
 * The notes of a board on one Konva layer: creates, updates and removes note views as its note source
 * changes, keeps their stacking order, hides notes off screen, caches visible notes at the zoom's
 * resolution in idle frames, and answers "which note is under this point" without Konva's hit canvas.
 */
export class NoteLayer {
  readonly layer = new Konva.Layer({ listening: false });
  private readonly views = new Map<string, NoteView>();
  /** Bottom to top, the same order as the layer's children (the lifted note excepted). */
  private order: NoteView[] = [];
  private lifted: NoteView | null = null;
  private visibleRect: Rect | null = null;
  private cacheRatio: number | null = null;
  private cacheFrame = 0;
  private cachingPaused = false;
  /** Where the notes cached in the current caching pass are drawn: redrawn from their caches when it ends. */
  private cachedAreas: Rect[] = [];
  private voteBadges: ReadonlyMap<string, VoteBadge> = new Map();
  private pending: ReadonlySet<string> = new Set();
  /** The size each step draws its notes at: a fuller step draws them smaller (see @kompas/model's step layout). */
  private readonly scales = new Map<StepId, number>();
  private readonly counts = new Map<StepId, number>();
  /**
   * Whether the steps' sizes count the notes in smaller sizes' slots yet (stepScaleOf). Until every size's
   * slots are worked out, a step takes the size its number of notes allows (stepNoteScale, which needs no
   * slots): the same size unless a step's notes sit in the slots of a smaller one, which the step then takes
   * as soon as the slots are ready, so a big board is drawn without waiting for them.
   */
  private exactScales = false;
  private destroyed = false;

  /**
   * `onDirty` asks the owner to redraw the layer, only within `areas` (board units) when given (it may wait,
   * e.g. until a pan gesture ends).
   */
  constructor(private readonly onDirty: (areas?: readonly Rect[]) => void) {
    prepareStepSlots().then(() => this.measureExactly());
  }

  get count(): number {
    return this.views.size;
  }

  /** How many notes are on (or near) the screen. */
  get visibleCount(): number {
    let visible = 0;
    for (const view of this.order) if (view.group.visible()) visible++;
    return visible;
  }

  get(id: string): NoteView | undefined {
    return this.views.get(id);
  }

  notes(): Note[] {
    return this.order.map((view) => view.note);
  }

  /** Loads every note of `source`, replacing what was shown, stacked as the source stacks them. */
  load(source: NoteSource): void {
    for (const view of this.views.values()) view.destroy();
    this.views.clear();
    const shown = source.notes();
    this.measureSteps(shown.map(({ note }) => note));
    this.order = shown.map((each) => this.addView(each));
    this.refreshVisibility();
    this.onDirty();
  }

  /** Applies `changes` as `source` now shows them: new notes go on top. Returns the ids no longer shown. */
  sync(source: NoteSource, changes: NoteChanges): string[] {
    const removed: string[] = [];
    /** Where notes were or are now drawn differently. */
    const areas: Rect[] = [];
    for (const id of changes.removed) {
      const view = this.views.get(id);
      if (!view) continue;
      areas.push(view.footprint);
      this.removeView(view);
      removed.push(id);
    }
    const fresh: ShownNote[] = [];
    for (const id of [...changes.added, ...changes.updated]) {
      const shown = source.get(id);
      if (!shown) continue;
      const view = this.views.get(id);
      if (!view) {
        fresh.push(shown);
        continue;
      }
      const before = view.footprint;
      if (view.update(shown)) {
        this.updateVisibility(view);
        areas.push(before, view.footprint);
      }
    }
    // The steps' sizes first, so that new notes are made at theirs rather than made and then resized.
    this.measureSteps([...this.order.map((view) => view.note), ...fresh.map(({ note }) => note)]);
    for (const shown of fresh) {
      const view = this.addView(shown);
      this.order.push(view);
      areas.push(view.footprint);
    }
    const resized = this.applyScales();
    if (resized || areas.length > 0) {
      this.scheduleCaching();
      this.onDirty(resized ? undefined : areas);
    }
    return removed;
  }

  /** The size `step` draws its notes at, or at most with `extra` notes more. */
  scaleOf(step: StepId, extra = 0): number {
    const scale = this.scales.get(step) ?? 1;
    return extra === 0 ? scale : Math.min(scale, stepNoteScale(step, (this.counts.get(step) ?? 0) + extra));
  }

  /**
   * Where `view`'s note would be drawn if dropped with its centre at `centre` in `step`: as near there as it
   * fits wholly inside the slice, at the size the step would then draw it.
   */
  dropCentre(view: NoteView, step: StepId, centre: Point): Point {
    const scale = this.scaleOf(step, view.note.step === step ? 0 : 1);
    return placeInSlice(step, positionInSlice(step, centre), scale);
  }

  /** Shows the voting badges, by note id; notes without one show none. */
  setVoteBadges(badges: ReadonlyMap<string, VoteBadge>): void {
    this.voteBadges = badges;
    this.redrawChanged((view) => this.applyVoteBadge(view));
  }

  /** Marks the notes with changes the server has not stored yet, by id; the others carry no mark. */
  setPending(pending: ReadonlySet<string>): void {
    this.pending = pending;
    this.redrawChanged((view) => view.setPendingMark(pending.has(view.note.id)));
  }

  /** Applies `change` to every note (it says whether the note changed) and redraws the notes it changed. */
  private redrawChanged(change: (view: NoteView) => boolean): void {
    const areas: Rect[] = [];
    for (const view of this.order) if (change(view)) areas.push(view.footprint);
    if (areas.length === 0) return;
    this.scheduleCaching();
    this.onDirty(areas);
  }

  /** The topmost note whose box contains the board point. */
  hitTest(point: Point): NoteView | undefined {
    for (let i = this.order.length - 1; i >= 0; i--) {
      const view = this.order[i];
      if (view && view !== this.lifted && rectContains(view.box, point)) return view;
    }
    return undefined;
  }

  raise(view: NoteView): void {
    if (!this.toTop(view) || view === this.lifted) return;
    view.group.moveToTop();
    if (view.group.visible()) this.onDirty([view.footprint]);
  }

  /** Moves a note onto `target` (the drag layer) so dragging redraws only that small layer. */
  lift(view: NoteView, target: Konva.Layer): void {
    this.lifted = view;
    // The spot it leaves shows what is under it.
    if (view.group.visible()) this.onDirty([view.footprint]);
    view.group.visible(true);
    view.group.moveTo(target);
  }

  /** Puts the lifted note back, on top. */
  settle(view: NoteView): void {
    if (this.lifted !== view) return;
    this.lifted = null;
    this.scheduleCaching();
    if (!this.views.has(view.note.id)) return;
    // Added last, it is drawn over every other note.
    view.group.moveTo(this.layer);
    this.toTop(view);
    this.updateVisibility(view);
    if (view.group.visible()) this.onDirty([view.footprint]);
  }

  /** The groups of the notes drawn in `area` (board units), bottom to top: the lifted note has its own layer. */
  *groupsIn(area: Rect): Generator<Konva.Group> {
    for (const view of this.order) {
      if (view !== this.lifted && view.group.visible() && rectsOverlap(view.footprint, area))
        yield view.group;
    }
  }

  /** Whether every note (the lifted one aside, which has its own layer) lies wholly inside `rect`. */
  allInside(rect: Rect): boolean {
    return this.order.every((view) => view === this.lifted || rectWithin(view.box, rect));
  }

  /** The part of the board on screen and the cache resolution for the current zoom. */
  setView(visibleRect: Rect, cacheRatio: number | null): void {
    this.visibleRect = visibleRect;
    if (cacheRatio !== this.cacheRatio) {
      this.cacheRatio = cacheRatio;
      // Caches of notes off screen are dropped rather than rebuilt: they cost memory at high zoom.
      for (const view of this.order) if (!view.group.visible() || cacheRatio === null) view.uncache();
    }
    this.refreshVisibility();
    this.scheduleCaching();
  }

  /** Stops building caches, e.g. during a pan or zoom gesture, which shows a bitmap of the layer. */
  pauseCaching(): void {
    this.cachingPaused = true;
    cancelAnimationFrame(this.cacheFrame);
    this.cacheFrame = 0;
  }

  resumeCaching(): void {
    this.cachingPaused = false;
    this.scheduleCaching();
  }

  destroy(): void {
    this.destroyed = true;
    cancelAnimationFrame(this.cacheFrame);
    for (const view of this.views.values()) view.destroy();
    this.views.clear();
    this.order = [];
    this.layer.destroy();
  }

  /** Works out the size each step draws `notes` at (see scaleOf). */
  private measureSteps(notes: readonly Note[]): void {
    const steps = new Map<StepId, Note[]>();
    for (const note of notes) {
      const ofStep = steps.get(note.step);
      if (ofStep) ofStep.push(note);
      else steps.set(note.step, [note]);
    }
    this.scales.clear();
    this.counts.clear();
    for (const [step, ofStep] of steps) {
      this.scales.set(
        step,
        this.exactScales ? stepScaleOf(step, ofStep) : stepNoteScale(step, ofStep.length),
      );
      this.counts.set(step, ofStep.length);
    }
  }

  /** Takes the steps' sizes that count notes in slots (see exactScales), once the slots are ready. */
  private measureExactly(): void {
    if (this.destroyed) return;
    this.exactScales = true;
    this.measureSteps(this.notes());
    if (!this.applyScales()) return;
    this.scheduleCaching();
    this.onDirty();
  }

  /** Draws each note at the size its step takes for its notes; returns whether any note changed size. */
  private applyScales(): boolean {
    let changed = false;
    for (const view of this.order) {
      if (!view.setScale(this.scaleOf(view.note.step))) continue;
      this.updateVisibility(view);
      changed = true;
    }
    return changed;
  }

  /** Puts `view` last in the stacking order; returns whether it was not last already. */
  private toTop(view: NoteView): boolean {
    const index = this.order.indexOf(view);
    if (index < 0 || index === this.order.length - 1) return false;
    this.order.splice(index, 1);
    this.order.push(view);
    return true;
  }

  private addView(shown: ShownNote): NoteView {
    const { note } = shown;
    const view = new NoteView(shown, this.scaleOf(note.step));
    this.views.set(note.id, view);
    this.layer.add(view.group);
    this.applyVoteBadge(view);
    view.setPendingMark(this.pending.has(note.id));
    this.updateVisibility(view);
    return view;
  }

  private applyVoteBadge(view: NoteView): boolean {
    const badge = this.voteBadges.get(view.note.id);
    return view.setVoteBadge(badge?.text ?? null, badge?.marked ?? false);
  }

  private removeView(view: NoteView): void {
    this.views.delete(view.note.id);
    this.order = this.order.filter((other) => other !== view);
    if (this.lifted === view) {
      this.lifted = null;
      this.scheduleCaching();
    }
    view.destroy();
  }

  private refreshVisibility(): void {
    for (const view of this.order) this.updateVisibility(view);
  }

  private updateVisibility(view: NoteView): void {
    if (view === this.lifted) return;
    view.group.visible(this.visibleRect === null || rectsOverlap(view.box, this.visibleRect));
  }

  /**
   * Builds missing caches of visible notes a few at a time, but not while a note is lifted. A note looks
   * nearly the same drawn from its cache or as shapes, so the notes cached are redrawn once, when the pass is
   * done, not after every batch: the board then looks as any later redraw draws it.
   */
  private scheduleCaching(): void {
    if (this.cachingPaused || this.cacheFrame || this.cacheRatio === null) return;
    this.cacheFrame = requestAnimationFrame(() => {
      this.cacheFrame = 0;
      const ratio = this.cacheRatio;
      // While a note is dragged, caches would not be drawn before it is dropped: its frames are its own.
      if (ratio === null || this.lifted) return;
      const started = performance.now();
      for (const view of this.order) {
        if (view === this.lifted || !view.group.visible() || view.cacheRatio === ratio) continue;
        if (performance.now() - started > CACHE_BUDGET_MS) {
          this.scheduleCaching();
          return;
        }
        view.cache(ratio);
        this.cachedAreas.push(view.footprint);
      }
      const areas = this.cachedAreas;
      this.cachedAreas = [];
      if (areas.length > 0) this.onDirty(areas);
    });
  }
}

/** Every step's slots at every size, worked out once for all layers (see prepareStepSlots). */
let slotsPrepared: Promise<void> | null = null;

/**
 * Works out every step's slots at every size (@kompas/model's step layout keeps them) a step and a size at a
 * time, in moments the browser has to spare: mostly while the board's notes are on their way, else once they
 * are drawn. Finding a step's rows takes milliseconds per size, and a thousand notes arriving at once would
 * otherwise wait for all of them.
 */
function prepareStepSlots(): Promise<void> {
  slotsPrepared ??= new Promise((done) => {
    const work = NOTE_SCALES.flatMap((scale) => STEPS.map((step) => () => stepSlots(step.id, scale)));
    const next = () => {
      const started = performance.now();
      while (performance.now() - started < SLOTS_BUDGET_MS) {
        const part = work.shift();
        if (!part) return done();
        part();
      }
      whenIdle(next);
    };
    whenIdle(next);
  });
  return slotsPrepared;
}
