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
