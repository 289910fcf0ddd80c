/** An 18-digit ID-card number (the last may be X) or an 11-digit mainland mobile number, in half-width text. */
export const NUMBERS =
  /(?<![0-9])(?:[0-9]{17}[0-9Xx](?![0-9A-Za-z])|(?:\+?86[- ]?)?1[3-9][0-9][- ]?[0-9]{4}[- ]?[0-9]{4}(?![0-9]))/g;

/** A message with every ID-card and mobile number in it starred out (messages never need one). */
export function redactNumbers(text: string): string {
  return text.replace(NUMBERS, (m) => '*'.repeat(m.length));
}
