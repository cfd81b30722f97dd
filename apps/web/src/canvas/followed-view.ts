import { type BoardRegion, fitRegion } from '../core/board-region.ts';
import type { Size } from '../core/viewport.ts';
import type { BoardStage } from './board-stage.ts';

/**
 * Tells the view changes a person makes (pan, zoom, fit) from those that happen by themselves (a resize,
 * following someone's view), and keeps a followed region in view on resizes until the person moves the board.
 */
export class FollowedView {
  /** The region last shown while following someone's view. */
  private region: BoardRegion | null = null;
  private bySystem = false;

  /** Shows `region` fitted to the board's size. */
  show(board: BoardStage, region: BoardRegion): void {
    this.region = region;
    this.moveBySystem(() => board.setView(fitRegion(board.size, region)));
  }

  resize(board: BoardStage, size: Size): void {
    this.moveBySystem(() => {
      board.resize(size);
      if (this.region) board.setView(fitRegion(board.size, this.region));
    });
  }

  /** Called on every change of the view: whether the person made it (which ends following). */
  changedByPerson(): boolean {
    if (this.bySystem) return false;
    this.region = null;
    return true;
  }

  private moveBySystem(move: () => void): void {
    this.bySystem = true;
    try {
      move();
    } finally {
      this.bySystem = false;
    }
  }
}
