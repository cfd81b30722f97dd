/**
 * The relay rooms of one board. `content`: the notes, written by facilitators and participants; `control`:
 * facilitation (phases, timer, lock, voting), written by facilitators; `drafts`: notes of a private brainstorm,
 * which participants add to without reading the room, so that only their author and the facilitators see
 * them until they are revealed.
 */
export const ROOM_KINDS = ['content', 'control', 'drafts'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** The suffix each room kind adds to the board id; the board's notes live in the room named after it. */
const SUFFIXES: Readonly<Record<RoomKind, string>> = {
  content: '',
  control: '.control',
  drafts: '.drafts',
};

/** The y-websocket room name: `<boardId>`, `<boardId>.control` or `<boardId>.drafts`. */
export function roomName(boardId: string, kind: RoomKind): string {
  return boardId + SUFFIXES[kind];
}

/**
 * The board id and room kind a room name stands for. The board id is not checked here: whoever looks the
 * board up does (an id with a suffix of its own, such as `<id>.control.control`, is then unknown).
 */
export function parseRoomName(name: string): { boardId: string; kind: RoomKind } {
  for (const kind of ['control', 'drafts'] as const) {
    const suffix = SUFFIXES[kind];
    if (name.endsWith(suffix)) return { boardId: name.slice(0, -suffix.length), kind };
  }
  return { boardId: name, kind: 'content' };
}
