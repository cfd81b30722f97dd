import { WebSocket } from 'ws';
import type { FrameCodec } from './frames.ts';

/** Decides what of a received y-websocket message reaches the client: false drops it (after counting it). */
export type MessageFilter = (message: Uint8Array) => boolean;

/**
 * The browser WebSocket as far as the official y-websocket client uses it (its `WebSocketPolyfill` option), over
 * `ws`, with a codec for the server's framing and a filter in front of the client. The filter lets a load
 * client count what it is sent without decoding it, so hundreds of clients fit in a load process that does not
 * saturate and measure itself.
 */
export function loadSocketClass(codecFor: (url: string) => FrameCodec, filter: MessageFilter) {
  return class LoadSocket {
    static readonly CONNECTING = WebSocket.CONNECTING;
    static readonly OPEN = WebSocket.OPEN;
    static readonly CLOSING = WebSocket.CLOSING;
    static readonly CLOSED = WebSocket.CLOSED;
    readonly CONNECTING = WebSocket.CONNECTING;
    readonly OPEN = WebSocket.OPEN;
    readonly CLOSING = WebSocket.CLOSING;
    readonly CLOSED = WebSocket.CLOSED;
    binaryType = 'arraybuffer';
    onopen: ((event: object) => void) | null = null;
    onmessage: ((event: { data: Uint8Array }) => void) | null = null;
    onclose: ((event: { code: number; reason: string }) => void) | null = null;
    onerror: ((event: unknown) => void) | null = null;
    private readonly socket: WebSocket;
    private readonly codec: FrameCodec;

    constructor(url: string) {
      this.codec = codecFor(url);
      this.socket = new WebSocket(this.codec.address(url));
      this.socket.on('open', () => {
        const greeting = this.codec.greeting();
        if (greeting) this.socket.send(greeting);
        this.onopen?.({});
      });
      this.socket.on('message', (data: Buffer) => {
        const message = this.codec.unwrap(data);
        if (message && filter(message)) this.onmessage?.({ data: message });
      });
      this.socket.on('close', (code, reason) => this.onclose?.({ code, reason: reason.toString() }));
      this.socket.on('error', (error) => this.onerror?.(error));
    }

    get readyState(): number {
      return this.socket.readyState;
    }

    send(message: Uint8Array): void {
      this.socket.send(this.codec.wrap(message));
    }

    close(): void {
      this.socket.close();
    }
  };
}
