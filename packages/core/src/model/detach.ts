/**
 * Copies of strings that share no storage with the text they were sliced from. V8 keeps the whole parent
 * string alive behind a slice (a SlicedString, made for slices of SLICED_MIN_LENGTH characters or more;
 * shorter slices are copied already): cached chunks, the node values parsed from them and the plan model
 * must not pin old versions of a document.
 */

/** V8's SlicedString::kMinLength: shorter substrings are flat copies. */
const SLICED_MIN_LENGTH = 13;

/** A flat copy of `s` that shares no storage with the text it was sliced from. */
export function detached(s: string): string {
  return s.length < SLICED_MIN_LENGTH ? s : ` ${s}`.slice(1);
}

/**
 * Replaces, in place, every string that may be a slice in a model object (and the objects it holds) with a
 * detached copy. Iterative, and each object visited once: front matter data may nest deeply or share objects.
 */
export function detachStrings(root: object): void {
  const seen = new Set<object>();
  const stack: object[] = [root];
  while (stack.length > 0) {
    const o = stack.pop() as Record<string, unknown>;
    if (seen.has(o)) continue;
    seen.add(o);
    for (const key of Object.keys(o)) {
      const v = o[key];
      if (typeof v === 'string') {
        if (v.length < SLICED_MIN_LENGTH) continue;
        try {
          o[key] = detached(v);
        } catch {
          // A read-only property (none in the model, but front matter data is the YAML parser's): keep the slice.
        }
      } else if (typeof v === 'object' && v !== null) stack.push(v);
    }
  }
}
