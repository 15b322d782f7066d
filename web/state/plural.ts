// Counts in words: "1 heal decision", "3 heal decisions", "1,024 lines".

/** `count` and the noun, singular for exactly one; the plural adds "s" unless given. */
export function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? singular : pluralForm}`;
}
