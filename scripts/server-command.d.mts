export declare function buildServerWhenStale(): void;
export declare const SERVER_ENTRY: string;
export declare function serverCommand(args?: readonly string[]): [node: string, ...args: string[]];
