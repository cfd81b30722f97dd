import type { Peer } from '../core/presence.ts';
import type { Point } from '../core/viewport.ts';
import { TOKENS } from '../ui/design-tokens.ts';
import * as Konva from '../ui/konva.ts';
import { glideShare } from '../ui/motion.ts';

/** The pointer arrow's outline, x and y in turn, in screen pixels with its tip at (0, 0). */
const ARROW_POINTS = [0, 0, 0, 17.5, 4.6, 13.4, 7.6, 20.2, 10.6, 18.9, 7.7, 12.3, 13.6, 12.3];
/** Share of the remaining distance a cursor travels per frame: smooths 20 Hz updates into motion. */
const FOLLOW = 0.35;

interface CursorShape {
  group: Konva.Group;
  label: Konva.Text;
  /** The label's back, sized to the name. */
  tag: Konva.Rect;
  arrow: Konva.Line;
  name: string;
  color: string;
  target: Point;
  current: Point;
}

/**
 * Other people's cursors with their names. Positions are board coordinates, so they land on the same
 * spot of the board for everyone; the shapes are scaled against the zoom to keep a constant screen size.
 */
export class RemoteCursors {
  readonly layer = new Konva.Layer({ listening: false });
  private readonly cursors = new Map<number, CursorShape>();
  private scale = 1;
  private readonly animation: Konva.Animation;

  constructor() {
    this.animation = new Konva.Animation(() => this.step(), this.layer);
  }

  /** Shows the cursors of `peers` other than yourself that are on the board. */
  update(peers: readonly Peer[]): void {
    const seen = new Set<number>();
    for (const peer of peers) {
      if (peer.isSelf || !peer.cursor) continue;
      seen.add(peer.clientId);
      const cursor = this.cursors.get(peer.clientId) ?? this.create(peer.clientId, peer.cursor);
      this.restyle(cursor, peer.user.name, peer.user.color);
      cursor.target = peer.cursor;
    }
    for (const [clientId, cursor] of this.cursors) {
      if (seen.has(clientId)) continue;
      cursor.group.destroy();
      this.cursors.delete(clientId);
    }
    if (!this.animation.isRunning()) this.animation.start();
    this.layer.batchDraw();
  }

  setScale(scale: number): void {
    this.scale = scale;
    for (const cursor of this.cursors.values()) cursor.group.scale({ x: 1 / scale, y: 1 / scale });
  }

  /** Where each cursor is headed, in board coordinates (for tests and assistive summaries). */
  list(): { name: string; x: number; y: number }[] {
    return [...this.cursors.values()].map((cursor) => ({
      name: cursor.name,
      x: cursor.target.x,
      y: cursor.target.y,
    }));
  }

  destroy(): void {
    this.animation.stop();
    this.layer.destroy();
  }

  private create(clientId: number, at: Point): CursorShape {
    const group = new Konva.Group({ listening: false, x: at.x, y: at.y });
    group.scale({ x: 1 / this.scale, y: 1 / this.scale });
    const arrow = new Konva.Line({
      points: ARROW_POINTS,
      closed: true,
      stroke: '#ffffff',
      strokeWidth: 1.5,
      shadowColor: '#101828',
      shadowOpacity: 0.25,
      shadowBlur: 3,
      shadowOffsetY: 1,
      listening: false,
    });
    const tag = new Konva.Rect({ cornerRadius: 6, listening: false });
    const label = new Konva.Text({
      fontFamily: TOKENS.font.sans,
      fontSize: 12,
      fontStyle: '600',
      fill: '#ffffff',
      padding: 5,
      listening: false,
    });
    const badge = new Konva.Group({ x: 12, y: 19, listening: false });
    badge.add(tag, label);
    group.add(arrow, badge);
    this.layer.add(group);
    const cursor: CursorShape = {
      group,
      label,
      tag,
      arrow,
      name: '',
      color: '',
      target: at,
      current: { ...at },
    };
    this.cursors.set(clientId, cursor);
    return cursor;
  }

  private restyle(cursor: CursorShape, name: string, color: string): void {
    if (cursor.name !== name) {
      cursor.name = name;
      cursor.label.text(name);
      cursor.tag.size(cursor.label.size());
    }
    if (cursor.color !== color) {
      cursor.color = color;
      cursor.arrow.fill(color);
      cursor.tag.fill(color);
    }
  }

  /** One animation frame; returns false (no redraw) once every cursor has arrived. */
  private step(): boolean {
    let moving = false;
    const share = glideShare(FOLLOW);
    for (const cursor of this.cursors.values()) {
      const dx = cursor.target.x - cursor.current.x;
      const dy = cursor.target.y - cursor.current.y;
      if (Math.abs(dx) * this.scale < 0.3 && Math.abs(dy) * this.scale < 0.3) {
        if (dx !== 0 || dy !== 0) {
          cursor.current = { ...cursor.target };
          cursor.group.position(cursor.current);
          moving = true;
        }
        continue;
      }
      cursor.current = { x: cursor.current.x + dx * share, y: cursor.current.y + dy * share };
      cursor.group.position(cursor.current);
      moving = true;
    }
    if (!moving) this.animation.stop();
    return moving;
  }
}
