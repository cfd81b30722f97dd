/**
 * The parts of Konva the board draws with. Konva's main entry registers every shape and filter it has (the
 * transformer, sprites, stars, blurs, text along paths, tweens...), which the browser would download before
 * the board shows; these are the modules of the few it uses. Import as `import * as Konva from`.
 */
export { Animation } from 'konva/lib/Animation.js';
export type { Context } from 'konva/lib/Context.js';
/** Konva's global settings (`autoDrawEnabled`, `pixelRatio`), shared by every stage. */
export { Konva as settings } from 'konva/lib/Global.js';
export { Group } from 'konva/lib/Group.js';
export { Layer } from 'konva/lib/Layer.js';
export { Shape, type ShapeConfig } from 'konva/lib/Shape.js';
export { Stage } from 'konva/lib/Stage.js';
export { Arc } from 'konva/lib/shapes/Arc.js';
export { Circle } from 'konva/lib/shapes/Circle.js';
export { Line } from 'konva/lib/shapes/Line.js';
export { Rect } from 'konva/lib/shapes/Rect.js';
export { Text } from 'konva/lib/shapes/Text.js';
