/**
 * JSON text of values serialised once and shared by every response that carries them. Only frozen
 * values are remembered (deeply frozen by whoever shares them), so a remembered text cannot go
 * stale; a list page is mostly such values, and serialising them was a tenth of its cost.
 */
const texts = new WeakMap<object, string>();

export function jsonText(value: object): string {
  let text = texts.get(value);
  if (text === undefined) {
    text = JSON.stringify(value);
    if (Object.isFrozen(value)) texts.set(value, text);
  }
  return text;
}

/** A page as JSON text, its items' texts reused: the same text JSON.stringify would write. */
export function pageJsonText(page: { items: readonly object[] }): string {
  const { items, ...rest } = page;
  const tail = JSON.stringify(rest);
  return `{"items":[${items.map(jsonText).join(',')}]${tail === '{}' ? '}' : `,${tail.slice(1)}`}`;
}

/** Freezes a JSON value and everything in it. */
export function deepFreeze<T>(value: T): Readonly<T> {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}
