/**
 * The config's own messages where the schema library would speak in its words: a value of the wrong
 * JSON type (with the reason where it helps: JSON numbers lose leading zeros), a value outside a
 * list of choices, a list too short, and an unknown key, each with the nearest valid value or key
 * ("did you mean `prefixes`?"). Rules with a message of their own keep it.
 */
import leven from 'leven';
import type { z } from 'zod';

/**
 * The candidate `value` most likely meant: one that `value` starts with or that starts with it
 * (`read-only` → `read`), else the closest by edit distance within a third of its length (at
 * least 2 edits), ignoring case.
 * @returns the candidate, or undefined when none is close
 */
export function nearest(value: string, candidates: readonly string[]): string | undefined {
  const v = value.toLowerCase();
  const prefix = candidates
    .filter((c) => v.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(v))
    .sort((a, b) => b.length - a.length);
  if (v.length >= 3 && prefix.length > 0) return prefix[0];
  const scored = candidates
    .map((c) => ({ c, d: leven(v, c.toLowerCase()) }))
    .sort((a, b) => a.d - b.d || a.c.localeCompare(b.c));
  const best = scored[0];
  return best !== undefined && best.d <= Math.max(2, Math.floor(v.length / 3)) ? best.c : undefined;
}

/** `; did you mean "x"?` for the nearest candidate, or nothing. */
function didYouMean(value: unknown, candidates: readonly string[]): string {
  if (typeof value !== 'string') return '';
  const n = nearest(value, candidates);
  return n === undefined ? '' : `; did you mean "${n}"?`;
}

const EXPECTED: Readonly<Record<string, string>> = {
  string: 'a string',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  array: 'a list ([…])',
  object: 'an object ({…})',
};

function kindOf(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'number') return Number.isInteger(value) ? 'a number' : 'a fraction';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return `a ${typeof value}`;
}

/** The message of a value of the wrong type. */
function wrongType(expected: string, input: unknown): string {
  const want = EXPECTED[expected] ?? expected;
  if (expected === 'string' && typeof input === 'number') {
    // Only a whole number can be an ID that loses its leading zeros.
    return Number.isInteger(input)
      ? 'must be a string in quotes, not a JSON number: numbers lose leading zeros and digits past the 15th (an account ID such as "012345678901" must stay text)'
      : `must be a string in quotes, not a JSON number: write "${input}"`;
  }
  if (expected === 'int' && typeof input === 'number') return `must be a whole number, not ${input}`;
  return input === undefined ? want : `must be ${want}, not ${kindOf(input)}`;
}

/** The message of a list, text or number that is too short or too small. */
function bound(
  iss: { origin?: string; minimum?: unknown; maximum?: unknown },
  at: 'least' | 'most',
): string | undefined {
  const n = Number(at === 'least' ? iss.minimum : iss.maximum);
  if (iss.origin === 'array') return `must list at ${at} ${n} item${n === 1 ? '' : 's'}`;
  if (iss.origin === 'string')
    return n === 1 && at === 'least' ? 'must not be empty' : `must be at ${at} ${n} characters`;
  if (iss.origin === 'number') return `must be at ${at} ${n.toLocaleString('en-US')}`;
  return undefined;
}

/**
 * The error map for parsing a config file: our messages for the schema library's type, choice and
 * size issues; anything else (and every rule's own message) is left as it is.
 */
export const configErrorMap: z.core.$ZodErrorMap = (iss) => {
  switch (iss.code) {
    case 'invalid_type':
      return wrongType(iss.expected, iss.input);
    case 'invalid_value': {
      const values = iss.values.map((v) => String(v));
      return `must be one of ${values.map((v) => `"${v}"`).join(', ')}${didYouMean(iss.input, values)}`;
    }
    case 'too_small':
      return bound(iss, 'least');
    case 'too_big':
      return bound(iss, 'most');
    default:
      return undefined;
  }
};

/** The object keys a schema allows at `path` (object keys and list indexes), or none when unknown. */
export function knownKeysAt(schema: z.core.$ZodType, path: readonly PropertyKey[]): string[] {
  let node: z.core.$ZodType | undefined = schema;
  const unwrap = (s: z.core.$ZodType): z.core.$ZodType => {
    const def = s._zod.def as { type: string; innerType?: z.core.$ZodType; in?: z.core.$ZodType };
    if (def.innerType !== undefined) return unwrap(def.innerType);
    if (def.type === 'pipe' && def.in !== undefined) return unwrap(def.in);
    return s;
  };
  for (const key of [...path, undefined]) {
    if (node === undefined) return [];
    node = unwrap(node);
    const def = node._zod.def as { type: string; shape?: Record<string, z.core.$ZodType>; element?: z.core.$ZodType };
    if (key === undefined) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    node = def.type === 'array' ? def.element : def.type === 'object' ? def.shape?.[String(key)] : undefined;
  }
  return [];
}

/** The rule for an unknown key: the nearest known key, else the known keys. */
export function unknownKeyRule(key: string, known: readonly string[]): string {
  const suggestion = didYouMean(key, known);
  if (suggestion !== '') return `is not a known key here${suggestion}`;
  return known.length > 0
    ? `is not a known key here; the keys here are ${known.map((k) => `"${k}"`).join(', ')}`
    : 'is not a known key here';
}
