export interface TestServices {
  databaseUrl: string;
  redisUrl: string;
  /** The temporary folder both live in, removed by stop(). */
  dir: string;
  /** Stops Redis, as a crash or a restart would; startRedis() brings it back on the same port, empty. */
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  /** Stops both and removes their folder; safe to call twice. */
  stop(): Promise<void>;
  /** stop() for process exit handlers, where nothing can be awaited. */
  stopSync(): void;
}

export declare function findServices(): { postgresBin: string | null; redisServer: string | null };
export declare function start(): Promise<TestServices>;

export interface TestRedis {
  redisUrl: string;
  /** Stops it, as a crash would; startRedis() brings it back on the same port, empty. */
  stopRedis(): Promise<void>;
  startRedis(): Promise<void>;
  /** Stops it and removes its folder. */
  stop(): Promise<void>;
}

export declare function startRedis(): Promise<TestRedis>;
