/**
 * Work keyed by the exact text it was computed from, kept between lints of successive versions of one
 * document when the engine provides `RuleContext.memo` (an editor), so an edit recomputes only the blocks it
 * touched. Without a memo (one-shot runs) every value is computed.
 *
 * One table per rule lives in the memo for the whole session (no table is rebuilt per lint); each value
 * remembers the last lint that used it, and a lint first drops the values the lint before it did not use.
 * So the memo holds one version's worth plus the few values the last edit replaced.
 */
interface Slot<T> {
  value: T;
  /** The last lint (generation) that used the value. */
  used: number;
}

class MemoTable<T> extends Map<string, Slot<T>> {
  generation = 0;

  /** Starts a lint: drops the values the last lint did not use. */
  begin(): void {
    const last = this.generation++;
    for (const [key, slot] of this) if (slot.used < last) this.delete(key);
  }
}

/** Work counters (for tests that count work instead of timing it): values computed through a `TextMemo`. */
export const memoWork = { computed: 0 };

export class TextMemo<T> {
  private readonly table: MemoTable<T> | undefined;

  constructor(context: { readonly memo?: Map<string, unknown> | undefined }, key: string) {
    const memo = context.memo;
    if (!(memo instanceof Map)) return;
    let table = memo.get(key);
    if (!(table instanceof MemoTable)) {
      table = new MemoTable<T>();
      memo.set(key, table);
    }
    this.table = table as MemoTable<T>;
    this.table.begin();
  }

  /** The value for `text`: kept from an earlier lint, or computed now. */
  get(text: string, compute: () => T): T {
    const table = this.table;
    if (!table) {
      memoWork.computed++;
      return compute();
    }
    const slot = table.get(text);
    if (slot !== undefined) {
      slot.used = table.generation;
      return slot.value;
    }
    memoWork.computed++;
    const value = compute();
    table.set(text, { value, used: table.generation });
    return value;
  }
}
