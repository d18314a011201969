/**
 * Work keyed by the exact text it was computed from, kept between lints of successive versions of one
 * document when the engine provides `RuleContext.memo` (an editor), so an edit recomputes only the blocks it
 * touched. Without a memo (one-shot runs) every value is computed. Each lint keeps only the values it used:
 * the memo holds one version's worth.
 */
export class TextMemo<T> {
  private readonly previous: Map<string, T> | undefined;
  private readonly current: Map<string, T> | undefined;

  constructor(context: { readonly memo?: Map<string, unknown> | undefined }, key: string) {
    const memo = context.memo;
    if (!(memo instanceof Map)) return;
    const previous = memo.get(key);
    this.previous = previous instanceof Map ? (previous as Map<string, T>) : undefined;
    this.current = new Map();
    memo.set(key, this.current);
  }

  /** The value for `text`: kept from the last lint, or computed now. */
  get(text: string, compute: () => T): T {
    if (!this.current) return compute();
    let value = this.current.get(text);
    if (value !== undefined) return value;
    value = this.previous?.get(text);
    if (value === undefined) value = compute();
    this.current.set(text, value);
    return value;
  }
}
