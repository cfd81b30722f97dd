import { randomBytes } from 'node:crypto';
import { parseCreatedBoard, parseJoinedPerson } from '@kompas/protocol';
import type { RunningServer } from './servers.ts';

/** Where one client sits: its room and the person it is. On Kompas the person holds a token to open the room. */
export interface Seat {
  room: string;
  person: { id: string; name: string };
  token?: string;
}

/** What Kompas issues (board and person ids: 128 random bits, base64url), made up alike for the references. */
function randomId(): string {
  return randomBytes(16).toString('base64url');
}

function personName(index: number): string {
  return `Deelnemer ${index + 1}`;
}

/**
 * The seats of `roomSizes.length` rooms, `roomSizes[i]` people in room i. On Kompas each room is a new
 * board's content room and each person joins it through the participant invite, as a browser does; the
 * references take any room and person, so they get ids of the same shape.
 */
export async function prepareSeats(server: RunningServer, roomSizes: readonly number[]): Promise<Seat[][]> {
  if (server.name !== 'kompas') {
    return roomSizes.map((size) => {
      const room = randomId();
      return Array.from({ length: size }, (_, index) => ({
        room,
        person: { id: randomId(), name: personName(index) },
      }));
    });
  }
  const rooms: Seat[][] = [];
  for (const size of roomSizes) {
    const board = parseCreatedBoard(
      await post(`${server.url}/api/boards`, { title: 'Vergelijking', task: 'Samen zorg organiseren' }),
    );
    const seats: Seat[] = [];
    for (let index = 0; index < size; index++) {
      const joined = parseJoinedPerson(
        await post(
          `${server.url}/api/boards/${board.id}/people`,
          { name: personName(index) },
          board.tokens.participant,
        ),
      );
      const { id, name } = joined.person;
      seats.push({ room: board.id, person: { id, name }, token: joined.token });
    }
    rooms.push(seats);
  }
  return rooms;
}

async function post(url: string, body: unknown, bearer?: string): Promise<unknown> {
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (bearer) headers.Authorization = `Bearer ${bearer}`;
  const response = await fetch(url, { method: 'POST', headers, body: JSON.stringify(body) });
  if (!response.ok) throw new Error(`POST ${new URL(url).pathname} answered ${response.status}`);
  return response.json();
}
