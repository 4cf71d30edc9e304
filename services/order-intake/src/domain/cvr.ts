/**
 * The Danish CVR number (Det Centrale Virksomhedsregister): eight digits, the first not 0, whose
 * modulus-11 check with the weights 2 7 6 5 4 3 2 1 comes out even. A typo in one digit, or two
 * neighbouring digits swapped, fails the check, so a company is never found or created under a
 * mistyped number read over the phone.
 */
const WEIGHTS = [2, 7, 6, 5, 4, 3, 2, 1] as const;

export function isValidCvr(cvr: string): boolean {
  if (!/^[1-9]\d{7}$/.test(cvr)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += Number(cvr[i]) * (WEIGHTS[i] ?? 0);
  return sum % 11 === 0;
}

/** Why a CVR number is refused, in English and Danish; undefined when it is valid. */
export function cvrRefusal(cvr: string): string | undefined {
  if (!/^\d{8}$/.test(cvr)) return 'a CVR number is 8 digits / et CVR-nummer er 8 cifre';
  if (!isValidCvr(cvr)) return 'not a valid CVR number (modulus-11 check) / ikke et gyldigt CVR-nummer (modulus 11-kontrol)';
  return undefined;
}

/** A P-number (produktionsenhed, a company's workplace) is ten digits; the register publishes no check digit for it. */
export function isPNumber(pNumber: string): boolean {
  return /^[1-9]\d{9}$/.test(pNumber);
}
