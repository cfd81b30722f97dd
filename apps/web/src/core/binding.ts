/**
 * How a component stays in step with one value of the board: what to watch for changes, and how to read the
 * value as plain data. Bindings are headless; ui/bound-value.ts binds one to a Lit component.
 */
export interface Binding<Source, Value> {
  /** Calls `changed` whenever the value may have changed; returns how to stop. */
  watch(source: Source, changed: () => void): () => void;
  /** The value now; `previous` is the value read before (the empty value when just bound). */
  read(source: Source, previous: Value): Value;
  /** Whether a re-read value changes nothing a component shows; by default only the same object does not. */
  same?(a: Value, b: Value): boolean;
}
