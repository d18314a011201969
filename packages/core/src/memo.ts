/**
 * A memo of a pure function of a string: each key computed once, all forgotten at once when `max` keys are held
 * (so a long session or a hostile draft cannot grow it without bound). `compute` must not return undefined.
 */
export function boundedMemo<V extends NonNullable<unknown> | null>(max: number, compute: (key: string) => V): (key: string) => V {
  const values = new Map<string, V>();
  return (key: string): V => {
    let value = values.get(key);
    if (value === undefined) {
      value = compute(key);
      if (values.size >= max) values.clear();
      values.set(key, value);
    }
    return value;
  };
}

/**
 * A memo of a pure function of two objects (e.g. a report and its plan), held weakly: each pair computed once,
 * forgotten with either object. `compute` must not return undefined.
 */
export function pairMemo<A extends object, B extends object, V extends NonNullable<unknown>>(compute: (a: A, b: B) => V): (a: A, b: B) => V {
  const byFirst = new WeakMap<A, WeakMap<B, V>>();
  return (a: A, b: B): V => {
    let bySecond = byFirst.get(a);
    if (!bySecond) {
      bySecond = new WeakMap();
      byFirst.set(a, bySecond);
    }
    let value = bySecond.get(b);
    if (value === undefined) {
      value = compute(a, b);
      bySecond.set(b, value);
    }
    return value;
  };
}
