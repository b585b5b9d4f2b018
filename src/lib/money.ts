/** Money is integer pence everywhere; people type pounds. */

/** "£1,078,000.50", "12.5" or "12" as pence; null when it is not an amount of money. */
export function parsePounds(input: string, maxPounds = 999_999_999): number | null {
  const v = input.trim().replace(/^£/, '').replace(/,/g, '').trim();
  if (!/^\d+(\.\d{1,2})?$/.test(v)) return null;
  const [whole = '0', fraction = ''] = v.split('.');
  if (Number(whole) > maxPounds) return null;
  return Number(whole) * 100 + Number(fraction.padEnd(2, '0'));
}

/** Pence as a form shows them: "12.50". */
export function penceToPounds(pence: number): string {
  return (pence / 100).toFixed(2);
}

/** Pence as "£1,234.56" (or "£1,234" when `whole` is set). */
export function pounds(pence: number | null | undefined, whole = false): string {
  if (pence === null || pence === undefined) return '';
  return (pence / 100).toLocaleString('en-GB', {
    style: 'currency',
    currency: 'GBP',
    minimumFractionDigits: whole ? 0 : 2,
    maximumFractionDigits: whole ? 0 : 2,
  });
}
