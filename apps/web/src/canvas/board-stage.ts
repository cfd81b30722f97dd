import { BOARD_RADIUS, CENTRE_RADIUS, getStep, type PhaseId, type StepId, sliceAngles } from '@kompas/model';
import type { FocusArea } from '../core/commands.ts';
import {
  boardToScreen,
  centreOn,
  fitCircle,
  type Point,
  type Rect,
  type Size,
  screenToBoard,
  type Viewport,
  visibleBoardRect,
  zoomAt,
} from '../core/viewport.ts';
import { NoteLayer } from '../notes/note-layer.ts';
import type { NoteView } from '../notes/note-view.ts';
import { RemoteCursors } from '../presence/remote-cursors.ts';
import { PHASE_COLORS, THEME_COLORS } from '../ui/design-tokens.ts';
import * as Konva from '../ui/konva.ts';
import { motionSeconds } from '../ui/motion.ts';
import { currentTheme, watchTheme } from '../ui/theme.ts';
import { CANVAS_COLORS } from '../ui/theme-canvas.ts';
import { BOARD_EXTENT, BoardBackground } from './board-background.ts';
import { cacheRatioFor } from './cache-tier.ts';
import { focusView } from './focus-area.ts';
import { GestureSnapshot } from './gesture-snapshot.ts';
import { LayerRepaint } from './layer-repaint.ts';
import { placeLayer } from './layer-view.ts';
import { glideHome } from './note-glide.ts';

// Layers draw when this code says so, never as a side effect of changing a node.
Konva.settings.autoDrawEnabled = false;

/** Screen pixels kept free around the circle when fitting it. */
const FIT_PADDING = 24;
/** Notes just outside the screen are drawn too, so short pans do not reveal gaps. */
const CULL_MARGIN = 200;
/** A long pan or zoom out redraws the notes this often, so notes that come into view fill in. */
const GESTURE_REFRESH_MS = 250;
/** Up to this many notes on screen are simply redrawn every frame of a gesture, with no bitmap stand-in. */
const LIVE_DRAW_MAX_NOTES = 40;
const SNAP_BACK_SECONDS = 0.18;

/**
 * The Konva stage of a board and its layers, bottom to top: the circle (background), the notes, an
 * overlay (selection ring, drop target), the note being dragged, and other people's cursors. None of
 * them listens to Konva events: the owning component handles pointer input and asks this class to draw.
 *
 * While a pan or zoom gesture runs with many notes on screen, the notes layer is not
 * redrawn: its canvas is moved with a CSS transform (see GestureSnapshot) and redrawn sharply when the
 * gesture ends, and every few hundred milliseconds while the moved bitmap leaves notes out.
 */
export class BoardStage {
  readonly stage: Konva.Stage;
  readonly notes: NoteLayer;
  private readonly notesRepaint: LayerRepaint;
  readonly cursors = new RemoteCursors();
  view: Viewport = { x: 0, y: 0, scale: 1 };
  size: Size = { width: 0, height: 0 };
  private readonly backgroundLayer = new Konva.Layer({ listening: false });
  private readonly overlayLayer = new Konva.Layer({ listening: false });
  private readonly dragLayer = new Konva.Layer({ listening: false });
  private readonly background: BoardBackground;
  private readonly selectionRing: Konva.Rect;
  private readonly dropTarget: Konva.Arc;
  private backgroundRatio: number | null = null;
  private phase: PhaseId | null = null;
  private snapshot: GestureSnapshot | null = null;
  private selected: NoteView | null = null;
  private readonly stopWatchingTheme: () => void;
  /** The selected note was chosen with the keyboard: it wears the focus ring, thicker and with a halo. */
  private keyboardFocus = false;
  private readonly focusHalo: Konva.Rect;

  constructor(
    container: HTMLDivElement,
    task: string,
    private readonly onViewChange: (view: Viewport) => void,
  ) {
    this.stage = new Konva.Stage({ container, width: 1, height: 1, listening: false });
    this.notes = new NoteLayer((areas) => this.requestNotesDraw(areas));
    this.notesRepaint = new LayerRepaint(this.notes.layer, {
      view: () => this.view,
      nodesIn: (area) => this.notes.groupsIn(area),
    });
    const colors = CANVAS_COLORS[currentTheme()];
    this.background = new BoardBackground(task, colors);
    this.backgroundLayer.add(this.background.group);
    this.selectionRing = new Konva.Rect({
      stroke: colors.selection,
      strokeWidth: 2,
      strokeScaleEnabled: false,
      cornerRadius: 7,
      visible: false,
      listening: false,
    });
    this.focusHalo = new Konva.Rect({
      stroke: '#ffffff',
      strokeWidth: 7,
      strokeScaleEnabled: false,
      cornerRadius: 8,
      visible: false,
      listening: false,
    });
    this.dropTarget = new Konva.Arc({
      innerRadius: CENTRE_RADIUS,
      outerRadius: BOARD_RADIUS,
      angle: 30,
      strokeWidth: 2.5,
      strokeScaleEnabled: false,
      opacity: 1,
      visible: false,
      listening: false,
    });
    this.overlayLayer.add(this.dropTarget, this.focusHalo, this.selectionRing);
    this.stage.add(
      this.backgroundLayer,
      this.notes.layer,
      this.overlayLayer,
      this.dragLayer,
      this.cursors.layer,
    );
    this.stopWatchingTheme = watchTheme((theme) => {
      this.background.setColors(CANVAS_COLORS[theme]);
      this.updateSelectionRing();
      this.redrawBackground();
      this.overlayLayer.batchDraw();
    });
  }

  resize(size: Size): void {
    const first = this.size.width === 0;
    const previous = this.size;
    this.size = size;
    this.stage.size(size);
    if (first) {
      this.setView(this.fitView());
    } else {
      // Keep what was in the middle of the screen in the middle.
      this.setView({
        ...this.view,
        x: this.view.x + (size.width - previous.width) / 2,
        y: this.view.y + (size.height - previous.height) / 2,
      });
    }
  }

  fitView(): Viewport {
    return fitCircle(this.size, BOARD_EXTENT, FIT_PADDING);
  }

  zoomBy(factor: number, anchor: Point = { x: this.size.width / 2, y: this.size.height / 2 }): void {
    this.setView(zoomAt(this.view, anchor, factor));
  }

  /** Shows a phase or a step as large as the screen allows. */
  focusOn(area: FocusArea): void {
    this.setView(focusView(area, this.size));
  }

  centreOn(point: Point): void {
    this.setView(centreOn(this.view, this.size, point));
  }

  /** Centres the board on `point` unless it is on screen already, at least `margin` pixels from the edges. */
  bringIntoView(point: Point, margin: number): void {
    const { x, y } = this.toScreen(point);
    const onScreen =
      x > margin && y > margin && x < this.size.width - margin && y < this.size.height - margin;
    if (!onScreen) this.centreOn(point);
  }

  toScreen(point: Point): Point {
    return boardToScreen(this.view, point);
  }

  toBoard(point: Point): Point {
    return screenToBoard(this.view, point);
  }

  /**
   * Applies a view. Inside a gesture only the cheap layers redraw; the notes bitmap follows by CSS. Each layer,
   * not the stage, carries the view: moving a node makes Konva clear the cached transforms of all below it.
   */
  setView(view: Viewport): void {
    this.view = view;
    for (const layer of [this.backgroundLayer, this.overlayLayer, this.dragLayer, this.cursors.layer]) {
      placeLayer(layer, view);
    }
    this.cursors.setScale(view.scale);
    if (this.snapshot && this.snapshotNeedsRefresh(this.snapshot)) {
      this.endGesture();
      this.beginGesture();
    }
    if (this.snapshot) {
      this.snapshot.follow(view);
    } else {
      placeLayer(this.notes.layer, view);
      this.refreshDetail();
      this.notesRepaint.all();
    }
    this.backgroundLayer.batchDraw();
    this.overlayLayer.batchDraw();
    this.dragLayer.batchDraw();
    this.cursors.layer.batchDraw();
    this.onViewChange(view);
  }

  beginGesture(): void {
    if (this.snapshot || this.notes.visibleCount <= LIVE_DRAW_MAX_NOTES) return;
    this.snapshot = new GestureSnapshot(
      { ...this.view },
      this.notes.layer.getNativeCanvasElement(),
      this.notes.allInside(visibleBoardRect(this.view, this.size)),
    );
    // Caches built for a zoom level mid-gesture would not be drawn before it ends, and may be stale by then.
    this.notes.pauseCaching();
    this.notesRepaint.cancel();
  }

  endGesture(): void {
    if (!this.snapshot) return;
    const snapshot = this.snapshot;
    this.snapshot = null;
    this.notes.resumeCaching();
    placeLayer(this.notes.layer, this.view);
    this.refreshDetail();
    // Draw synchronously so the sharp notes replace the moved bitmap in the same frame.
    this.notesRepaint.now();
    snapshot.release();
    this.backgroundLayer.batchDraw();
  }

  /** What a picture of the board shows, bottom to top: the circle and the notes, without selection or cursors. */
  imageLayers(): Konva.Layer[] {
    return [this.backgroundLayer, this.notes.layer, this.dragLayer];
  }

  setTask(task: string): void {
    this.background.setTask(task);
    this.redrawBackground();
  }

  /** Draws the circle's words again, in the language now chosen. */
  relabel(): void {
    this.background.relabel();
    this.redrawBackground();
  }

  /** Highlights the current phase; the circle is redrawn only when it changes. */
  setPhase(phase: PhaseId | null): void {
    if (phase === this.phase) return;
    this.phase = phase;
    this.background.setPhase(phase);
    this.redrawBackground();
  }

  /** Shades the phases that are locked. */
  setLocked(locked: readonly PhaseId[]): void {
    this.background.setLocked(locked);
    this.redrawBackground();
  }

  private redrawBackground(): void {
    if (this.backgroundRatio !== null) this.cacheBackground(this.backgroundRatio);
    this.backgroundLayer.batchDraw();
  }

  /** Rings the selected note; `byKeyboard`, with the keyboard's focus ring. */
  showSelection(view: NoteView | null, byKeyboard = false): void {
    this.selected = view;
    this.keyboardFocus = byKeyboard;
    this.updateSelectionRing();
  }

  updateSelectionRing(): void {
    const box = this.selected?.box;
    const shown = Boolean(box) && this.dragLayer.children.length === 0;
    const focus = this.keyboardFocus;
    this.selectionRing.visible(shown);
    this.focusHalo.visible(shown && focus);
    const theme = currentTheme();
    this.selectionRing.stroke(focus ? THEME_COLORS[theme].focus : CANVAS_COLORS[theme].selection);
    this.selectionRing.strokeWidth(focus ? 3 : 2);
    if (box) {
      const pad = focus ? 7 : 5;
      const rect = {
        x: box.x - pad,
        y: box.y - pad,
        width: box.width + 2 * pad,
        height: box.height + 2 * pad,
      };
      this.selectionRing.setAttrs(rect);
      this.focusHalo.setAttrs(rect);
    }
    this.overlayLayer.batchDraw();
  }

  /** Highlights the slice a dragged note would land in; null hides it. */
  showDropTarget(step: StepId | null): void {
    if (step) {
      const { start, end } = sliceAngles(step);
      const color = PHASE_COLORS[getStep(step).phase];
      this.dropTarget.rotation(start - 90);
      this.dropTarget.angle(end - start);
      this.dropTarget.fill(`${color}26`);
      this.dropTarget.stroke(color);
      this.dropTarget.visible(true);
    } else {
      this.dropTarget.visible(false);
    }
    this.overlayLayer.batchDraw();
  }

  lift(view: NoteView): void {
    this.notes.lift(view, this.dragLayer);
    this.updateSelectionRing();
    this.dragLayer.batchDraw();
  }

  /** Moves the lifted note's drawing; `valid` false shows it faded (it would snap back). */
  moveLifted(view: NoteView, centre: Point, valid: boolean): void {
    view.placeAt(centre);
    view.group.opacity(valid ? 1 : 0.55);
    this.dragLayer.batchDraw();
  }

  /** Puts a lifted note back where the document has it, animated when it would otherwise jump. */
  settle(view: NoteView, animate: boolean): void {
    view.group.opacity(1);
    this.showDropTarget(null);
    const finish = () => {
      view.placeHome();
      this.notes.settle(view);
      this.dragLayer.batchDraw();
      this.updateSelectionRing();
    };
    const seconds = motionSeconds(SNAP_BACK_SECONDS);
    if (!animate || seconds === 0) {
      finish();
      return;
    }
    glideHome(view, this.dragLayer, seconds, finish);
  }

  destroy(): void {
    this.stopWatchingTheme();
    this.notesRepaint.cancel();
    this.notes.destroy();
    this.cursors.destroy();
    this.stage.destroy();
  }

  /** Culls notes to the screen and picks cache resolutions for the zoom; done when the view is at rest. */
  private refreshDetail(): void {
    const ratio = cacheRatioFor(this.view.scale, Konva.settings.pixelRatio);
    this.notes.setView(visibleBoardRect(this.view, this.size, CULL_MARGIN), ratio);
    // The circle is one bitmap up to 1:1 resolution; closer in it is drawn as shapes, which stay sharp.
    const backgroundRatio = ratio !== null && ratio <= 1 ? ratio : null;
    if (backgroundRatio !== this.backgroundRatio) {
      this.backgroundRatio = backgroundRatio;
      if (backgroundRatio === null) this.background.group.clearCache();
      else this.cacheBackground(backgroundRatio);
    }
  }

  /** Konva cannot measure custom shapes (the chevrons), so the cache gets the board's full extent. */
  private cacheBackground(pixelRatio: number): void {
    const extent = BOARD_EXTENT + 10;
    this.background.group.cache({
      pixelRatio,
      x: -extent,
      y: -extent,
      width: 2 * extent,
      height: 2 * extent,
    });
  }

  /**
   * Only a snapshot that leaves notes out is redrawn mid-gesture: redrawing a full board costs frames of
   * a hundred milliseconds or more, which a zoom in (or a pan of a board wholly on screen) does not need.
   */
  private snapshotNeedsRefresh(snapshot: GestureSnapshot): boolean {
    return (
      performance.now() - snapshot.started > GESTURE_REFRESH_MS && snapshot.missesNotes(this.view, this.size)
    );
  }

  private requestNotesDraw(areas?: readonly Rect[]): void {
    // During a gesture the notes are redrawn when it ends.
    if (this.snapshot) return;
    if (areas) this.notesRepaint.parts(areas);
    else this.notesRepaint.all();
  }
}
